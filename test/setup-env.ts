// What every test process starts with. The handlers read no environment: tests build them from plain
// dependencies (test/helpers/aws.ts). These are for the SDK clients other tests make (the CLI's doctor
// on aws-sdk-client-mock) and for Powertools: never real AWS, and these credentials reach nothing.
process.env.AWS_REGION ??= 'us-east-1';
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';
// Powertools reads this switch itself, when a Metrics object is made: no EMF lines in test output.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
delete process.env.AWS_PROFILE;
