/** A post judged spam or coordinated: the detector's reason and a person's word over it. */
export interface MentionFlag {
  mentionId: number;
  /** Why the detector flagged it; null when only a person did. */
  reason: string | null;
  flaggedAt: number;
  /** A person's word: true spam, false not spam, null none. */
  override: boolean | null;
  overrideBy: string | null;
  overrideAt: number | null;
  /** Whether the post counts as spam now. */
  spam: boolean;
}
