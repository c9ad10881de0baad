/**
 * `npm run bench`: runs every benchmark in turn and prints a summary.
 * To add one, write `bench/<name>.ts` exporting an async function that returns
 * `BenchResult[]`, and list it below.
 */
import { benchExports } from "./exports";
import { benchFindings } from "./findings";
import { benchPhotos } from "./photos";
import { benchScores } from "./scores";
import { benchScoring, printTable, type BenchResult } from "./scoring";
import { benchSurvey } from "./survey";
import { benchWeight } from "./weight";
import { benchWhatIf } from "./what-if";

const benches: { name: string; run: () => Promise<BenchResult[]> }[] = [
  { name: "scoring", run: benchScoring },
  { name: "survey", run: benchSurvey },
  { name: "weight", run: benchWeight },
  { name: "photos", run: benchPhotos },
  { name: "findings", run: benchFindings },
  { name: "scores", run: benchScores },
  { name: "exports", run: benchExports },
  { name: "what-if", run: benchWhatIf },
];

const all: BenchResult[] = [];
for (const bench of benches) {
  console.log(`\n# ${bench.name}\n`);
  all.push(...(await bench.run()));
}
console.log("\n# summary\n");
printTable(all);
