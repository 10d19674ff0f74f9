// The environment a Lambda would have, for tests that import handler modules. Never real AWS:
// the clients are replaced by aws-sdk-client-mock, and these credentials reach nothing.
process.env.TABLE_NAME ??= 'test-tokens';
process.env.BUCKET_NAME ??= 'test-vault';
process.env.SECRETSENTRY_STAGE ??= 'test';
process.env.AWS_REGION ??= 'us-east-1';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
delete process.env.AWS_PROFILE;
