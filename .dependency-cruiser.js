// Which folder may import which: the layering of the project's own code, checked by `npm run lint`.
// core/ is the bottom; web/, cli/ and lambdas/ stand on it side by side; lib/ (CDK) loads no runtime
// code; local/ runs the Lambdas' code; bin/ holds entry points that nothing imports.
// Paths are regular expressions on the path from the repository root.

/** Every folder of the project's own code. */
const OWN_CODE = '^(bin|core|cli|local|lib|lambdas|web|packages|bench|test|types)/';

/** A dependency on a file of this project (not an npm package or a Node built-in) outside `folders`. */
const localOutside = (...folders) => ({
  dependencyTypes: ['local'],
  pathNot: `^(${folders.join('|')})/`,
});

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Nothing imports in a circle, type-only imports included: move what both need lower down.',
      from: { path: OWN_CODE },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'Every import resolves to a file; an unresolved one would be invisible to the rules below.',
      from: { path: OWN_CODE },
      to: { couldNotResolve: true },
    },
    {
      name: 'core-imports-only-core',
      severity: 'error',
      comment:
        'core/ (contract, envelope, links, API client, flows) is shared by the page, the CLI, the local ' +
        'stack, the Lambdas and the CDK app: it imports nothing of theirs.',
      from: { path: '^core/' },
      to: localOutside('core'),
    },
    {
      name: 'web-imports-only-web-and-core',
      severity: 'error',
      comment: 'The page is built by Vite from web/ and core/ alone.',
      from: { path: '^web/' },
      to: localOutside('web', 'core'),
    },
    {
      name: 'cli-not-to-web-local-lambdas-lib',
      severity: 'error',
      comment:
        'The CLI talks to the API through core/; it bundles no page, stack, handler or CDK code.',
      from: { path: '^cli/' },
      to: { path: '^(web|local|lambdas|lib|bin|test|bench)/' },
    },
    {
      name: 'lambdas-not-to-web-cli-local-lib',
      severity: 'error',
      comment: 'A Lambda bundle holds its handler, lambdas/common/ and core/ only.',
      from: { path: '^lambdas/' },
      to: { path: '^(web|cli|local|lib|bin|test|bench)/' },
    },
    {
      name: 'lib-not-to-runtime-code',
      severity: 'error',
      comment:
        'CDK must not load runtime code: no Lambda code (handlers are bundled from their entry path), ' +
        'no page, CLI or local stack. It may read core/ (routes, limits) and web/securityHeaders.ts.',
      from: { path: '^lib/' },
      to: { path: '^(web/src|cli|local|lambdas|bin|test|bench)/' },
    },
    {
      name: 'local-not-to-page-or-cli',
      severity: 'error',
      comment:
        'The local stack runs the Lambdas and serves the built page; it imports no page source or CLI.',
      from: { path: '^local/' },
      to: { path: '^(web/src|cli|bin|test|bench)/' },
    },
    {
      name: 'web-src-only-from-web',
      severity: 'error',
      comment:
        'The page source is the page: what others need of it lives in core/ or web/*.ts. The one ' +
        'exception is the tests reading the list of languages (pure, no DOM) to check the catalogs ' +
        'and walk the page in each language.',
      from: { pathNot: '^web/' },
      to: { path: '^web/src/', pathNot: '^web/src/i18n/locales[.]ts$' },
    },
    {
      name: 'bin-is-entry-points-only',
      severity: 'error',
      comment: 'bin/ files are entry points: nothing imports them (not even each other).',
      from: {},
      to: { path: '^bin/' },
    },
    {
      name: 'test-only-from-test',
      severity: 'error',
      comment: 'Test helpers and fixtures stay out of shipped code.',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    // Built bundles (the page's, the committed CLI's) are generated, not written.
    exclude: { path: '(^|/)dist/' },
    // Type-only imports count: they are a layering dependency too, and the cycle the rule exists for.
    tsPreCompilationDeps: true,
    // Resolves the explicit `.ts` extensions (allowImportingTsExtensions) as TypeScript does.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
