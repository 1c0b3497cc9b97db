import type { RouterOutputs } from "@guild/api";
import { type AchievementCriteria, achievementFields } from "@guild/api/schemas/achievement";
import {
  type AchievementIcon,
  type AchievementRarity,
  achievementCriteriaKinds,
  achievementIcons,
  achievementRarities,
  type XpPeriod,
  xpPeriods,
} from "@guild/db/enums";
import { useState } from "react";
import { toast } from "sonner";
import { z } from "zod";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { SelectField, TextareaField, TextField } from "../../components/field.tsx";
import { FormAlert } from "../../components/states.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useFieldErrors } from "../../lib/use-field-errors.ts";
import { AchievementMedal, rarityLabels } from "./achievement-look.tsx";
import { useAchievementMutations } from "./use-achievements.ts";

export type ManagedAchievement = RouterOutputs["achievement"]["manageList"][number];
type CriteriaKind = AchievementCriteria["kind"];

const kindLabels: Record<CriteriaKind, string> = {
  lessons_completed: "Lessons completed",
  courses_completed: "Courses completed",
  quiz_passes: "Quizzes passed",
  streak_days: "Days in a row (streak)",
  leaderboard_rank: "Leaderboard rank",
  level_reached: "Level reached",
  sessions_attended: "Live sessions attended",
};

/** The threshold's label for each kind of criteria. */
const thresholdLabels: Record<CriteriaKind, string> = {
  lessons_completed: "How many lessons",
  courses_completed: "How many courses",
  quiz_passes: "How many quizzes",
  streak_days: "How many days",
  leaderboard_rank: "Top how many",
  level_reached: "Which level",
  sessions_attended: "How many sessions",
};

const periodLabels: Record<XpPeriod, string> = {
  daily: "Today's board",
  weekly: "This week's board",
  monthly: "This month's board",
  all_time: "All-time board",
};

const iconLabels: Record<AchievementIcon, string> = {
  star: "Star",
  flame: "Flame",
  trophy: "Trophy",
  medal: "Medal",
  book: "Book",
  graduation: "Graduation cap",
  target: "Target",
  zap: "Lightning",
  crown: "Crown",
  heart: "Heart",
};

function thresholdOf(criteria: AchievementCriteria): number {
  switch (criteria.kind) {
    case "streak_days":
      return criteria.days;
    case "leaderboard_rank":
      return criteria.top;
    case "level_reached":
      return criteria.level;
    default:
      return criteria.count;
  }
}

/** The criteria object for the chosen kind, threshold and period (checked by the schema). */
function criteriaOf(kind: CriteriaKind, threshold: number, period: XpPeriod) {
  switch (kind) {
    case "streak_days":
      return { kind, days: threshold };
    case "leaderboard_rank":
      return { kind, top: threshold, period };
    case "level_reached":
      return { kind, level: threshold };
    default:
      return { kind, count: threshold };
  }
}

type FormValues = Record<
  | "name"
  | "description"
  | "icon"
  | "category"
  | "rarity"
  | "xpReward"
  | "kind"
  | "threshold"
  | "period",
  string
>;

const isKind = (value: string): value is CriteriaKind =>
  (achievementCriteriaKinds as readonly string[]).includes(value);
const isIcon = (value: string): value is AchievementIcon =>
  (achievementIcons as readonly string[]).includes(value);
const isRarity = (value: string): value is AchievementRarity =>
  (achievementRarities as readonly string[]).includes(value);
const isPeriod = (value: string): value is XpPeriod =>
  (xpPeriods as readonly string[]).includes(value);

/** An admin's form for an achievement: new (no `achievement`) or editing one. */
export function AchievementForm({
  achievement,
  onDone,
}: {
  achievement?: ManagedAchievement;
  onDone: () => void;
}) {
  const { create, update } = useAchievementMutations();
  const save = achievement ? update : create;
  const initial: FormValues = {
    name: achievement?.name ?? "",
    description: achievement?.description ?? "",
    icon: achievement?.icon ?? "star",
    category: achievement?.category ?? "",
    rarity: achievement?.rarity ?? "common",
    xpReward: String(achievement?.xpReward ?? 0),
    kind: achievement?.criteria.kind ?? "lessons_completed",
    threshold: String(achievement ? thresholdOf(achievement.criteria) : 1),
    period:
      achievement?.criteria.kind === "leaderboard_rank" ? achievement.criteria.period : "weekly",
  };
  const [values, setValues] = useState(initial);
  const dirty = (Object.keys(initial) as (keyof FormValues)[]).some(
    (key) => values[key] !== initial[key],
  );
  const fieldErrors = useFieldErrors(save.error);
  const { errors, serverErrors } = fieldErrors;
  const fieldNames = ["name", "description", "icon", "category", "rarity", "xpReward", "criteria"];
  const formError =
    save.error && !fieldNames.some((f) => serverErrors[f]) ? errorMessage(save.error) : null;
  const set = (key: keyof FormValues, field: string, value: string) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    fieldErrors.changedField(field);
  };
  const toNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

  return (
    <Card title={achievement ? `Edit ${achievement.name}` : "New achievement"}>
      <UnsavedChangesGuard dirty={dirty && !save.isSuccess} />
      <form
        noValidate
        aria-label={achievement ? `Edit ${achievement.name}` : "New achievement"}
        className="grid gap-4 sm:grid-cols-2"
        onSubmit={(event) => {
          event.preventDefault();
          const checked = achievementFields.safeParse({
            name: values.name,
            description: values.description,
            icon: values.icon,
            category: values.category,
            rarity: values.rarity,
            xpReward: toNumber(values.xpReward),
            criteria: criteriaOf(
              isKind(values.kind) ? values.kind : "lessons_completed",
              toNumber(values.threshold),
              isPeriod(values.period) ? values.period : "weekly",
            ),
          });
          if (!checked.success) {
            fieldErrors.submitted(z.flattenError(checked.error).fieldErrors);
            return;
          }
          fieldErrors.submitted({});
          const onSuccess = (saved: ManagedAchievement) => {
            toast.success(achievement ? `Saved ${saved.name}.` : `Created ${saved.name}.`);
            onDone();
          };
          if (achievement) update.mutate({ ...checked.data, id: achievement.id }, { onSuccess });
          else create.mutate(checked.data, { onSuccess });
        }}
      >
        <TextField
          label="Name"
          autoComplete="off"
          value={values.name}
          onChange={(e) => set("name", "name", e.target.value)}
          error={errors.name}
        />
        <TextField
          label="Category"
          autoComplete="off"
          hint="e.g. Learning, Streaks, Community"
          value={values.category}
          onChange={(e) => set("category", "category", e.target.value)}
          error={errors.category}
        />
        <TextareaField
          label="Description"
          className="sm:col-span-2"
          rows={2}
          value={values.description}
          onChange={(e) => set("description", "description", e.target.value)}
          error={errors.description}
        />
        <div className="flex items-end gap-3">
          <AchievementMedal
            icon={isIcon(values.icon) ? values.icon : "star"}
            rarity={isRarity(values.rarity) ? values.rarity : "common"}
          />
          <SelectField
            label="Icon"
            className="flex-1"
            value={values.icon}
            onChange={(e) => set("icon", "icon", e.target.value)}
            error={errors.icon}
          >
            {achievementIcons.map((icon) => (
              <option key={icon} value={icon}>
                {iconLabels[icon]}
              </option>
            ))}
          </SelectField>
        </div>
        <SelectField
          label="Rarity"
          value={values.rarity}
          onChange={(e) => set("rarity", "rarity", e.target.value)}
          error={errors.rarity}
        >
          {achievementRarities.map((rarity) => (
            <option key={rarity} value={rarity}>
              {rarityLabels[rarity]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Earned by"
          value={values.kind}
          onChange={(e) => set("kind", "criteria", e.target.value)}
        >
          {achievementCriteriaKinds.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabels[kind]}
            </option>
          ))}
        </SelectField>
        <TextField
          label={isKind(values.kind) ? thresholdLabels[values.kind] : "Threshold"}
          inputMode="numeric"
          autoComplete="off"
          value={values.threshold}
          onChange={(e) => set("threshold", "criteria", e.target.value)}
          error={errors.criteria}
        />
        {values.kind === "leaderboard_rank" && (
          <SelectField
            label="Leaderboard"
            value={values.period}
            onChange={(e) => set("period", "criteria", e.target.value)}
          >
            {xpPeriods.map((period) => (
              <option key={period} value={period}>
                {periodLabels[period]}
              </option>
            ))}
          </SelectField>
        )}
        <TextField
          label="XP reward"
          inputMode="numeric"
          autoComplete="off"
          value={values.xpReward}
          onChange={(e) => set("xpReward", "xpReward", e.target.value)}
          error={errors.xpReward}
        />
        {formError && (
          <div className="sm:col-span-2">
            <FormAlert>{formError}</FormAlert>
          </div>
        )}
        <div className="flex flex-wrap gap-2 sm:col-span-2">
          <Button type="submit" pending={save.isPending}>
            {achievement ? "Save achievement" : "Create achievement"}
          </Button>
          <Button type="button" variant="secondary" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
