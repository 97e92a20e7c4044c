import { BedrockClient } from '@aws-sdk/client-bedrock';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';

/** The SDK clients an admin command talks to, made on first use and destroyed together. */
export class AdminClients {
  private readonly bedrockByRegion = new Map<string, BedrockClient>();
  private costExplorerClient: CostExplorerClient | undefined;
  private ssoAdminClient: SSOAdminClient | undefined;
  private identityStoreClient: IdentitystoreClient | undefined;

  constructor(
    private readonly identityCenterRegion: string,
    private readonly credentials: AwsCredentialIdentityProvider | undefined,
  ) {}

  private get auth(): { credentials?: AwsCredentialIdentityProvider } {
    return this.credentials ? { credentials: this.credentials } : {};
  }

  bedrock(region: string): BedrockClient {
    let client = this.bedrockByRegion.get(region);
    if (!client) {
      client = new BedrockClient({ region, ...this.auth });
      this.bedrockByRegion.set(region, client);
    }
    return client;
  }

  /** Cost Explorer's API (and its cost allocation tags) lives in us-east-1 whatever region the work runs in. */
  costExplorer(): CostExplorerClient {
    this.costExplorerClient ??= new CostExplorerClient({ region: 'us-east-1', ...this.auth });
    return this.costExplorerClient;
  }

  /** IAM Identity Center's admin API answers in the instance's own region. */
  ssoAdmin(): SSOAdminClient {
    this.ssoAdminClient ??= new SSOAdminClient({ region: this.identityCenterRegion, ...this.auth });
    return this.ssoAdminClient;
  }

  identityStore(): IdentitystoreClient {
    this.identityStoreClient ??= new IdentitystoreClient({ region: this.identityCenterRegion, ...this.auth });
    return this.identityStoreClient;
  }

  destroy(): void {
    for (const client of this.bedrockByRegion.values()) client.destroy();
    this.costExplorerClient?.destroy();
    this.ssoAdminClient?.destroy();
    this.identityStoreClient?.destroy();
  }
}
