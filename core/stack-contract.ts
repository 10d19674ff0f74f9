// The deployed stack's contract with the CLI's `doctor`: its name per stage and its output keys.
// Plain constants (no aws-cdk-lib), so the CLI bundle can import them without the CDK.

export const stackName = (stage: string): string => `SecretSentry-${stage}`;

/** The CfnOutput keys `secretsentry doctor` reads. */
export const OUTPUT_KEYS = [
  'ApiUrl',
  'PageUrl',
  'TableName',
  'BucketName',
  'KeyArn',
  'WebAclArn',
  'ApiStageArn',
  'AmplifyAppId',
] as const;
