/**
 * Every core operation that needs the AWS SDK, gathered in one module so the build can
 * put them (and the SDK) in a chunk of their own that is loaded on first use.
 * Reach it through `loadAwsOperations()`, never by a static import from activation code.
 */
export { getCallerIdentity } from './identity/callerIdentity';
export { profileCredentials } from './identity/profileCredentials';
