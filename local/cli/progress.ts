/** The step bars the commands show on a terminal while they open, evaluate and save. */
import { Presets, SingleBar } from 'cli-progress';

/** A step bar on a terminal (nothing when output goes to a file or a test). */
export function stepBar(total: number): { step(label: string): void; done(): void } {
  const bar = process.stdout.isTTY
    ? new SingleBar(
        { format: '  {bar} {value}/{total} {step}', hideCursor: true, clearOnComplete: true },
        Presets.shades_classic,
      )
    : null;
  bar?.start(total, 0, { step: '' });
  let n = 0;
  return {
    step: (label) => bar?.update(n++, { step: label }),
    done: () => {
      bar?.update(total, { step: 'done' });
      bar?.stop();
    },
  };
}
