/**
 * GraphiQL as the gateway serves it: the page and its editor workers come from the installed
 * @graphql-yoga/render-graphiql package (no CDN, works with no internet). Subscriptions go over
 * SSE: a plain fetch, so the Authorization header typed in the Headers tab authenticates them
 * exactly like queries (graphql-ws would need it in connection_init, which GraphiQL never sends).
 */
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';

export { renderGraphiQL };

const DEFAULT_QUERY = `# Welcome to backup-gateway. More examples: the README, section "Examples".
# With API keys on, open "Headers" below and enter {"Authorization": "Bearer <your key>"}.
query Overview {
  providers {
    name
    kind
    health { status message }
  }
  protection {
    counts { status count }
  }
}
`;

export const GRAPHIQL_OPTIONS = {
  title: 'backup-gateway',
  defaultQuery: DEFAULT_QUERY,
  subscriptionsProtocol: 'SSE',
  // GraphiQL's SSE subscriptions are GET requests: the CSRF plugin wants this header on them.
  additionalHeaders: { 'x-graphql-yoga-csrf': 'graphiql' },
} as const;
