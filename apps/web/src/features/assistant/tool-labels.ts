// The assistant's tools as a person reads them: "Looked up: pipeline". The stream names each
// call with its label (services/assistant-tools.ts); a saved answer keeps the tool's name, read
// here the same way. A tool the web does not know yet still reads well: its name, in words.
const labels: Record<string, string> = {
  pipelineSummary: "pipeline",
  searchLeads: "leads",
  recentPosts: "recent posts",
  myCourses: "courses",
  upcomingEvents: "events",
};

export function toolLabel(name: string): string {
  return (
    labels[name] ??
    name
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .replace(/[_-]+/g, " ")
      .toLowerCase()
  );
}
