import { DrydockError } from "../../../shared/errors";
import type { Dockerfile, Instruction, Stage } from "../../builder/dockerfile/instructions";

/** A stage the build runs, where its steps are counted from, and how BuildKit prefixes them. */
export interface PlannedStage {
  index: number;
  stage: Stage;
  /** Instructions as run: the stage's, then the --label LABEL on the target (as Docker appends it). */
  instructions: Instruction[];
  /** `build ` or `stage-0 ` in a build of several stages, `` in one. */
  prefix: string;
}

/**
 * The stages a build needs, in order: the target (or the last) and those it takes from (FROM a
 * stage, COPY --from a stage); the others are skipped, as BuildKit skips them.
 */
export function planStages(dockerfile: Dockerfile, target: string | undefined, labels: Instruction | undefined): PlannedStage[] {
  const stages = dockerfile.stages;
  if (stages.length === 0) throw new DrydockError("InvalidParameter", "No image was generated. Is your Dockerfile empty?");
  const targetIndex = target === undefined ? stages.length - 1 : stages.findIndex((stage) => stage.from.name === target.toLowerCase());
  if (targetIndex === -1) throw new DrydockError("InvalidParameter", `failed to reach build target ${target} in Dockerfile`);
  const needed = new Set<number>();
  const visit = (index: number) => {
    if (needed.has(index)) return;
    needed.add(index);
    const stage = stages[index]!;
    const refs = [stage.from.image, ...stage.instructions.flatMap((i) => (i.kind === "COPY" || i.kind === "ADD") && i.from !== undefined ? [i.from] : [])];
    for (const ref of refs) {
      const found = stageIndex(stages, ref, index);
      if (found !== undefined) visit(found);
    }
  };
  visit(targetIndex);
  const several = stages.length > 1;
  return [...needed]
    .sort((a, b) => a - b)
    .map((index) => {
      const stage = stages[index]!;
      return {
        index,
        stage,
        instructions: index === targetIndex && labels ? [...stage.instructions, labels] : stage.instructions,
        prefix: several ? `${stage.from.name ?? `stage-${index}`} ` : "",
      };
    });
}

/** The earlier stage a FROM or --from names (by AS name or number), if it names one. */
export function stageIndex(stages: readonly Stage[], ref: string, before: number): number | undefined {
  const byName = stages.findIndex((stage, i) => i < before && stage.from.name === ref.toLowerCase());
  if (byName !== -1) return byName;
  if (/^\d+$/.test(ref)) {
    const index = Number(ref);
    if (index >= before) throw new DrydockError("InvalidParameter", `invalid from flag value ${ref}: refers to current build stage`);
    return index;
  }
  return undefined;
}
