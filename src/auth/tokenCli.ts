import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../config";
import { loadOrCreateDevSecret } from "./devSecret";
import { parseTtl, signToken } from "./signToken";
import { isAccessRole } from "./viewer";

const USAGE = `Usage: npm run token -- --role reader|editor|admin [--sub alice] [--ttl 1h]

Prints a bearer token for trying writes locally, signed with AUTH_JWT_SECRET when it is set,
otherwise with the development secret that \`npm start\` keeps in AUTH_DEV_SECRET_FILE
(default .data/dev-jwt-secret; made if missing).
  --role  the role the token carries (required)
  --sub   who it names; recorded as the actor of every change (default: developer)
  --ttl   lifetime: 90s, 15m, 1h (default), 7d at most
Use it as the header  Authorization: Bearer <token>  (Apollo Sandbox: Headers tab).
Not for production: with NODE_ENV=production only AUTH_JWT_SECRET is used, and with AUTH_JWKS_URL
tokens come from your identity provider.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      role: { type: "string" },
      sub: { type: "string", default: "developer" },
      ttl: { type: "string", default: "1h" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const role = values.role?.toUpperCase();
  const ttlSeconds = parseTtl(values.ttl);
  const problems = [
    ...(isAccessRole(role) ? [] : ["--role must be reader, editor or admin"]),
    ...(ttlSeconds === undefined ? ["--ttl must be like 90s, 15m, 1h or 7d (at most 7 days)"] : []),
    ...(values.sub.length > 0 && values.sub.length <= 256 ? [] : ["--sub must be 1 to 256 characters"]),
  ];
  if (problems.length > 0 || !isAccessRole(role) || ttlSeconds === undefined) {
    process.stderr.write(`${problems.join("\n")}\n\n${USAGE}\n`);
    return 2;
  }

  const { env, auth } = loadConfig();
  if (auth.key?.kind === "jwks") {
    process.stderr.write("AUTH_JWKS_URL is set: tokens come from your identity provider, not from here.\n");
    return 1;
  }
  let secret: string;
  if (auth.key?.kind === "secret") {
    secret = auth.key.secret;
  } else if (env === "production") {
    process.stderr.write(
      "NODE_ENV=production without AUTH_JWT_SECRET: there is no development secret to sign with.\n",
    );
    return 1;
  } else {
    const dev = loadOrCreateDevSecret(auth.devSecretFile);
    if (dev.created) process.stderr.write(`Created the development secret ${dev.file}\n`);
    secret = dev.secret;
  }
  const token = await signToken({
    secret,
    subject: values.sub,
    role,
    ttlSeconds,
    issuer: auth.issuer,
    audience: auth.audience,
    rolesClaim: auth.rolesClaim,
  });
  process.stdout.write(`${token}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
