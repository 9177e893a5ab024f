"use client";
// Short sounds for scan results (Web Audio, no files) and a buzz where the device vibrates:
// on a noisy floor the ear and the hand notice before the eye does.
let ctx: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof window === "undefined") return null;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  ctx ??= new Ctor();
  if (ctx.state === "suspended") void ctx.resume();
  return ctx;
}

function tone(ac: AudioContext, freq: number, start: number, duration: number, type: OscillatorType = "sine", volume = 0.2) {
  const osc = ac.createOscillator();
  const gain = ac.createGain();
  osc.type = type;
  osc.frequency.value = freq;
  gain.gain.setValueAtTime(volume, ac.currentTime + start);
  gain.gain.exponentialRampToValueAtTime(0.001, ac.currentTime + start + duration);
  osc.connect(gain).connect(ac.destination);
  osc.start(ac.currentTime + start);
  osc.stop(ac.currentTime + start + duration + 0.02);
}

export type Feedback = "scan" | "success" | "queued" | "error";

export function signal(kind: Feedback): void {
  try {
    const ac = audio();
    if (ac) {
      if (kind === "scan") tone(ac, 1320, 0, 0.06);
      else if (kind === "success") {
        tone(ac, 880, 0, 0.09);
        tone(ac, 1320, 0.1, 0.14);
      } else if (kind === "queued") {
        tone(ac, 660, 0, 0.09);
        tone(ac, 660, 0.14, 0.09);
      } else {
        tone(ac, 220, 0, 0.16, "square", 0.12);
        tone(ac, 180, 0.2, 0.22, "square", 0.12);
      }
    }
    if (kind === "error") navigator.vibrate?.([120, 60, 120]);
    else if (kind === "success" || kind === "queued") navigator.vibrate?.(40);
  } catch {
    // Sound is a nicety: a browser that refuses it must not break the screen.
  }
}
