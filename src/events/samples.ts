// Sample events from the runtime's catalog, the function's own triggers first (an S3-triggered function
// gets an S3 event for its bucket and a key its filter accepts), as quick-pick items.
import type * as vscode from 'vscode';
import { fittingEvents, type FittingEvent } from '../../runtime/events';
import type { FunctionConfig } from '../../runtime/template/model';
import { readSettings } from '../settings';

export interface SampleChoice extends vscode.QuickPickItem {
  sample: FittingEvent;
}

export function sampleChoices(fn: FunctionConfig): SampleChoice[] {
  return fittingEvents(fn, { region: readSettings().region }).map((sample) => ({
    label: `$(symbol-event) ${sample.label}`,
    description: sample.generator,
    sample,
  }));
}

/** A default file name for a saved copy of a sample. */
export function sampleFileName(sample: FittingEvent): string {
  return sample.generator.replace(/[^\w.-]/g, '-');
}
