/**
 * Every core operation that needs the AWS SDK, gathered in one module so the build can
 * put them (and the SDK) in a chunk of their own that is loaded on first use.
 * Reach it through `loadAwsOperations()`, never by a static import from activation code.
 */
export { getCallerIdentity } from './identity/callerIdentity';
export { profileCredentials } from './identity/profileCredentials';
export { discoverInferenceProfiles } from './discovery/discoverInferenceProfiles';
export { testConnection } from './connection/testConnection';
export { createDeveloperProfiles } from './admin/createDeveloperProfiles';
export { fetchBilledCost } from './cost/costExplorer';
export { fetchDeveloperBilledCost } from './cost/developerBilledCost';
export { signIn } from './sso/signIn';
export { signOut } from './sso/signOut';
export { runSetupChecks } from './doctor/runSetupChecks';
export { runAdminChecks } from './admin/check/runAdminChecks';
export { syncDeveloperProfiles } from './admin/sync/syncDeveloperProfiles';
