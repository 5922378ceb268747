/** Tessera's version, set by the command's build (scripts/build-cli.mjs, from package.json); `dev` when run from the sources. */
declare const __TESSERA_VERSION__: string | undefined;

export const TESSERA_VERSION: string = typeof __TESSERA_VERSION__ === 'string' ? __TESSERA_VERSION__ : 'dev';
