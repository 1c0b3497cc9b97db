/**
 * The account page's sections, each a card with this id: /account#two-factor opens the page at
 * that card, and the command palette offers each one by its title and the words people look for
 * it by. One list, so a renamed card is renamed in the palette too.
 */
export const accountSections = {
  profile: { title: "Profile", keywords: "name" },
  email: { title: "Email address", keywords: "change mail" },
  password: { title: "Password", keywords: "change" },
  "two-factor": {
    title: "Two-factor authentication",
    keywords: "2fa totp authenticator code security backup",
  },
  sessions: { title: "Sessions", keywords: "devices signed in security" },
  "delete-account": { title: "Delete account", keywords: "remove close" },
} as const;

export type AccountSectionId = keyof typeof accountSections;

export const accountSectionIds = Object.keys(accountSections).filter(
  (id): id is AccountSectionId => id in accountSections,
);

/** Id and title of a section's card: `<Card {...accountSection("password")}>`. */
export function accountSection(id: AccountSectionId) {
  return { id, title: accountSections[id].title };
}
