// The `sentiment` package (AFINN) ships no types; this covers the part the sentiment benchmark calls.
declare module 'sentiment' {
  interface AnalysisResult {
    score: number;
    comparative: number;
    tokens: string[];
    words: string[];
    positive: string[];
    negative: string[];
  }
  interface AnalyzeOptions {
    extras?: Record<string, number>;
    language?: string;
  }
  export default class Sentiment {
    analyze(phrase: string, options?: AnalyzeOptions): AnalysisResult;
  }
}
