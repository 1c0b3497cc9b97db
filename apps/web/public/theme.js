// Runs before the first paint (a blocking classic script in <head>; the CSP allows scripts from
// 'self' but no inline ones): puts the theme the person chose, or the system's, on <html>, so a
// dark page never flashes light. The app (features/theme/theme.ts) keeps it up to date after.
// The storage key and the values are theme.ts's.
(() => {
  let choice = "system";
  try {
    choice = localStorage.getItem("guild.theme") || "system";
  } catch {
    // Storage refused: follow the system.
  }
  const dark =
    choice === "dark" ||
    (choice !== "light" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
})();
