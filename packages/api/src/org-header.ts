// The header every organization procedure reads the organization's slug from. Its own module (no
// imports) so the web's tRPC link and the server's context share it without server code.
export const ORG_HEADER = "x-guild-org";
