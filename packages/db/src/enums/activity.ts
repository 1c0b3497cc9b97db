export const actorKinds = ["member", "visitor", "system"] as const;
export type ActorKind = (typeof actorKinds)[number];
