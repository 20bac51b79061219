// DEBUG=readiness stack traces name places in the source (src/..., node_modules/...)
// rather than in the minified bundle: a frame in dist/readiness.cjs gets its place
// from the source map the build writes beside it (scripts/build.mjs). The map is
// read only here, for an error printed with DEBUG set: start-up never touches it.
import type * as Fs from 'node:fs';
import type * as Module from 'node:module';
import type * as Path from 'node:path';

/**
 * `stack` with each `<file>.cjs:<line>:<column>` that `<file>.cjs.map` knows
 * replaced by the source file's absolute path, line and column (1-based, as
 * in V8's frames). Frames of other files, of a bundle without a map, or at
 * places the map does not cover stay as they are. Never throws.
 */
export function mapStack(stack: string): string {
  try {
    const fs = process.getBuiltinModule('node:fs') as typeof Fs;
    const { SourceMap } = process.getBuiltinModule('node:module') as unknown as typeof Module;
    const path = process.getBuiltinModule('node:path') as typeof Path;
    const maps = new Map<string, InstanceType<typeof SourceMap> | undefined>();
    const mapOf = (file: string) => {
      if (!maps.has(file)) {
        let map: InstanceType<typeof SourceMap> | undefined;
        try {
          map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as Module.SourceMapPayload);
        } catch {
          // no map (a copy without it, or not a bundle): the frame stays as it is
        }
        maps.set(file, map);
      }
      return maps.get(file);
    };
    return stack.replace(/([^\s()]+\.cjs):(\d+):(\d+)/g, (all, file: string, line: string, column: string) => {
      const entry = mapOf(file)?.findEntry(Number(line) - 1, Number(column) - 1) as Partial<Module.SourceMapping> | undefined;
      if (entry?.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return all;
      // sources are relative to the bundle's folder ("../src/cli/main.ts"); a define's is "<define:...>"
      if (entry.originalSource.startsWith('<')) return all;
      return `${path.resolve(path.dirname(file), entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    });
  } catch {
    return stack;
  }
}
