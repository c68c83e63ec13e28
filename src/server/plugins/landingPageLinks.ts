import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestContext } from "../context";

/** What the landing page offers when Sandbox (from Apollo's CDN) cannot load: the bundled pages. */
export const OFFLINE_LINKS =
  '<p>Without internet access, use the bundled <a href="/graphiql">query editor (GraphiQL)</a> ' +
  'or the <a href="/explore">explorer</a>.</p>';

const FALLBACK = /(<div class="fallback">[\s\S]*?)(<\/div>)/;

/**
 * Adds OFFLINE_LINKS to the landing page's fallback text (covered by Sandbox once it loads). A page
 * without that block is served as it is (the HTTP test notices).
 */
export function addOfflineLinks(html: string): string {
  return html.replace(FALLBACK, (_match, head: string, close: string) => `${head}${OFFLINE_LINKS}\n${close}`);
}

/**
 * Wraps Apollo's default landing page plugin: the same page, whose "cannot be loaded; it appears
 * that you might be offline" text links to /graphiql and /explore, which need no CDN.
 */
export function withOfflineLinks(
  plugin: ApolloServerPlugin<RequestContext>,
): ApolloServerPlugin<RequestContext> {
  return {
    ...plugin,
    async serverWillStart(service) {
      const listener = await plugin.serverWillStart?.(service);
      const render = listener?.renderLandingPage?.bind(listener);
      if (!listener || !render) return listener;
      return {
        ...listener,
        async renderLandingPage() {
          const page = await render();
          const html = page.html;
          return {
            html:
              typeof html === "string" ? addOfflineLinks(html) : async () => addOfflineLinks(await html()),
          };
        },
      };
    },
  };
}
