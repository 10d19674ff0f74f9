// CDK entry: every stage of SecretSentry. Run by the CDK CLI (cdk.json "app") or directly by
// `npm run synth`, which then writes the cloud assembly to cdk.out/. SECRETSENTRY_WEB_DIST overrides web/dist.
import { App } from 'aws-cdk-lib';
import { buildApp, cdkJsonContext } from '../lib/app.ts';

const app = new App({ context: cdkJsonContext(), outdir: process.env.CDK_OUTDIR ?? 'cdk.out' });
buildApp(app, { webDist: process.env.SECRETSENTRY_WEB_DIST || undefined });
app.synth();
