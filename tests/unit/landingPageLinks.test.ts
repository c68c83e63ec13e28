import type { ApolloServerPlugin, GraphQLServerContext } from "@apollo/server";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import { OFFLINE_LINKS, withOfflineLinks } from "../../src/server/plugins/landingPageLinks";
import type { RequestContext } from "../../src/server/context";

async function landingHtml(plugin: ApolloServerPlugin<RequestContext>): Promise<string> {
  const listener = await plugin.serverWillStart?.({} as GraphQLServerContext);
  const page = await listener?.renderLandingPage?.();
  if (!page) throw new Error("no landing page");
  return typeof page.html === "string" ? page.html : page.html();
}

describe("the landing page when Apollo's CDN cannot be reached", () => {
  it.each([
    ["Sandbox (development)", ApolloServerPluginLandingPageLocalDefault({ embed: true })],
    ["the production page", ApolloServerPluginLandingPageProductionDefault({ footer: false })],
  ])("%s links to /graphiql and /explore inside its offline fallback", async (_name, plugin) => {
    const plain = await landingHtml(plugin);
    expect(plain).not.toContain('href="/graphiql"');
    const html = await landingHtml(withOfflineLinks(plugin));
    const fallback = /<div class="fallback">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
    expect(fallback).toContain("you might be offline");
    expect(fallback).toContain(OFFLINE_LINKS);
  });
});
