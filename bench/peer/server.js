// Benchmark peer: the webhook a Node.js developer would write with LINE's own SDK.
// @line/bot-sdk's middleware checks x-line-signature against the raw body, parses JSON, and the
// handler answers 200. Nothing is stored, so ItaBot (which also writes an inbox row) is handicapped.
//   PORT=5099 LINE_CHANNEL_SECRET=... node server.js
import express from "express";
import { middleware, HTTPFetchError, SignatureValidationFailed, JSONParseError } from "@line/bot-sdk";

const port = Number(process.env.PORT ?? 5099);
const channelSecret = process.env.LINE_CHANNEL_SECRET;
if (!channelSecret) {
  console.error("LINE_CHANNEL_SECRET is required");
  process.exit(2);
}

const app = express();
app.post("/line/webhook", middleware({ channelSecret }), (req, res) => {
  res.status(200).end();
});
app.use((err, req, res, next) => {
  if (err instanceof SignatureValidationFailed) res.status(401).end();
  else if (err instanceof JSONParseError) res.status(400).end();
  else next(err);
});
app.get("/health", (req, res) => res.json({ status: "ok" }));

const server = app.listen(port, "127.0.0.1", () => console.log(`peer listening on 127.0.0.1:${port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
void HTTPFetchError;
