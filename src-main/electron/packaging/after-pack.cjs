// @ts-check
// electron-builder afterPack hook: flips Electron's fuses in the packaged
// binary, before signing (Electron docs, "Electron Fuses"; Signal does the same
// in ts/scripts/fuse-electron.node.ts). CommonJS because electron-builder
// require()s its hooks. Needs @electron/fuses (it comes with electron-builder's
// app-builder-lib, and is pinned as a devDependency).
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS hook, loaded with require() */
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

/**
 * Every fuse @electron/fuses 1.8 knows, set on purpose. Not strictlyRequireAllFuses:
 * Electron 45's wire is longer (WasmTrapHandlers, known to @electron/fuses >= 2.1,
 * which needs Node 22), and that fuse's default is the one we want.
 * @type {import('@electron/fuses').FuseV1Config}
 */
const fuses = {
  version: FuseVersion.V1,
  // No ELECTRON_RUN_AS_NODE: the signed app cannot be used as a plain Node interpreter.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // No NODE_OPTIONS / --inspect: nobody can inject code or attach a debugger to the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Only the app.asar electron-builder packed, checked against its embedded hash (macOS, Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The app is served from app://kith, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/**
 * @param {{ appOutDir: string; electronPlatformName: string; packager: { appInfo: { productFilename: string }; executableName: string } }} context
 * @returns {string} the Electron binary (or .app bundle) electron-builder just packed
 */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
}

/** @param {Parameters<typeof electronBinary>[0]} context */
async function afterPack(context) {
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // On Apple silicon an ad-hoc signature must be redone after the binary changes; real signing follows afterPack.
  await flipFuses(electronBinary(context), { ...fuses, resetAdHocDarwinSignature: isMac });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.afterPack = afterPack;
module.exports.fuses = fuses;
module.exports.electronBinary = electronBinary;
