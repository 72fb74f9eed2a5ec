/**
 * `viewer`: who the presented API key is and what it may do, so a client (the console) can hide
 * what it may not do instead of failing on it. Without auth configured: "anonymous", every scope.
 */
import { builder } from './builder.js';

const ScopeEnum = builder.enumType('Scope', {
  description: '`read`: queries and subscriptions; `operate`: start, abort, assign; `admin`: change schedules.',
  values: { READ: { value: 'read' }, OPERATE: { value: 'operate' }, ADMIN: { value: 'admin' } } as const,
});

const ViewerRef = builder.simpleObject('Viewer', {
  description: 'The API key this request authenticated with.',
  fields: (t) => ({
    name: t.string({ description: 'The key\'s name from the config ("anonymous" when keys are off).' }),
    scopes: t.field({ type: [ScopeEnum] }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    description: 'The API key of this request and its scopes.',
    // The scopes plugin already refused requests without a valid key, so a principal is set here.
    resolve: (_root, _args, ctx) => ({ name: ctx.principal!.name, scopes: [...ctx.principal!.scopes] }),
  }),
);
