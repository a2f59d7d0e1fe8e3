/**
 * The takeover sound: a short two-tone alarm generated with WebAudio, so no audio file ships and
 * nothing is fetched. Browsers may refuse to start audio before a user gesture; the wall then
 * stays silent rather than failing (Electron walls are allowed to play).
 */
let context: AudioContext | null = null;

export function playAlarm(): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    void ctx.resume().catch(() => undefined);
    const start = ctx.currentTime + 0.05;
    for (let i = 0; i < 3; i++) {
      for (const [offset, freq] of [
        [0, 880],
        [0.25, 660],
      ] as const) {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = freq;
        const t = start + i * 0.7 + offset;
        gain.gain.setValueAtTime(0, t);
        gain.gain.linearRampToValueAtTime(0.25, t + 0.02);
        gain.gain.linearRampToValueAtTime(0, t + 0.22);
        osc.connect(gain).connect(ctx.destination);
        osc.start(t);
        osc.stop(t + 0.25);
      }
    }
  } catch {
    // No audio device or not allowed: the takeover is still on screen.
  }
}
