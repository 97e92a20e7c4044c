import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as AwsOperations from './awsOperations';

export type AwsOperationsModule = typeof AwsOperations;

let loaded: AwsOperationsModule | undefined;

/**
 * Loads every core operation that needs the AWS SDK, on first use.
 *
 * The SDK is most of this product's JavaScript; activation must not pay for it. The
 * build puts it in `dist/aws.js` beside the bundle that calls this, and a computed path
 * keeps esbuild from inlining it. Run from source (tests), the module is loaded directly.
 */
export function loadAwsOperations(): AwsOperationsModule {
  if (!loaded) {
    const bundled = path.join(__dirname, 'aws.js');
    const target = fs.existsSync(bundled) ? bundled : path.join(__dirname, 'awsOperations');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy, computed require (see above)
    loaded = require(target) as AwsOperationsModule;
  }
  return loaded;
}
