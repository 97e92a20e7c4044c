import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Features from './features';

export type FeaturesModule = typeof Features;

let loaded: FeaturesModule | undefined;

/**
 * Loads the command handlers and background features on first use. The build puts them
 * in `dist/features.js` beside `dist/extension.js`; the computed path keeps esbuild from
 * inlining them into the activation bundle. Run from source (tests), the module loads directly.
 */
export function loadFeatures(): FeaturesModule {
  if (!loaded) {
    const bundled = path.join(__dirname, 'features.js');
    const target = fs.existsSync(bundled) ? bundled : path.join(__dirname, 'features');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy, computed require (see above)
    loaded = require(target) as FeaturesModule;
  }
  return loaded;
}
