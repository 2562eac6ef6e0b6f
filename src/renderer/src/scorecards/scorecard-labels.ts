import type { SubmittedScorecardView } from '../../../shared/ipc/scorecard-channels.js';

/** The words the scorecard views use for the scale and recommendations (the renderer can't import core). */
export type RatingChoice = SubmittedScorecardView['versions'][number]['ratings'][number]['rating'];
export type Recommendation = SubmittedScorecardView['versions'][number]['recommendation'];

export const RATING_CHOICES: { value: RatingChoice; label: string }[] = [
  { value: 'strong_no', label: 'Strong no' },
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
  { value: 'strong_yes', label: 'Strong yes' },
  { value: 'no_evidence', label: 'No evidence' },
];

export const RECOMMENDATION_CHOICES: { value: Recommendation; label: string }[] = [
  { value: 'definitely_not', label: 'Definitely not' },
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
  { value: 'strong_yes', label: 'Strong yes' },
  { value: 'no_decision', label: 'No decision' },
];

export const ratingLabel = (r: RatingChoice) => RATING_CHOICES.find((c) => c.value === r)!.label;

/** Saves an exported file through the browser's download, as the app's other exports do. */
export function downloadExport(file: { fileName: string; mediaType: string; base64: string }): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
