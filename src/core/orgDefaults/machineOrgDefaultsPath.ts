import * as path from 'node:path';

/**
 * Where an administrator may put a machine-wide org defaults file that overrides the one
 * baked into the extension, without repackaging. Each is a place only administrators can
 * write by default. `root` lets tests stand up a fake file system; on Windows the folder
 * comes from `%ProgramData%`.
 */
export function machineOrgDefaultsPath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, root = '/'): string {
  switch (platform) {
    case 'win32': {
      const programData = env['ProgramData'] ?? env['PROGRAMDATA'] ?? 'C:\\ProgramData';
      return path.win32.join(programData, 'BedrockOnboarding', 'org-defaults.json');
    }
    case 'darwin':
      return path.posix.join(root, 'Library', 'Application Support', 'BedrockOnboarding', 'org-defaults.json');
    default:
      return path.posix.join(root, 'etc', 'bedrock-onboarding', 'org-defaults.json');
  }
}
