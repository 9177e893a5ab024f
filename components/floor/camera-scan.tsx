"use client";
// Camera scanning where the browser has BarcodeDetector (Chrome on Android, for instance); the
// button is not shown elsewhere. The camera runs only while the dialog is open.
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { CameraIcon, XIcon } from "../ui/icons";

type Detector = { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
type DetectorCtor = { new (opts?: { formats?: string[] }): Detector; getSupportedFormats?: () => Promise<string[]> };

const detectorCtor = (): DetectorCtor | undefined => (typeof window === "undefined" ? undefined : (window as unknown as { BarcodeDetector?: DetectorCtor }).BarcodeDetector);
const subscribe = () => () => {};

export function CameraScanButton({ onScan, labels }: { onScan: (code: string) => void; labels: { open: string; close: string; title: string; hint: string; failed: string } }) {
  const supported = useSyncExternalStore(subscribe, () => Boolean(detectorCtor() && navigator.mediaDevices?.getUserMedia), () => false);
  const dialog = useRef<HTMLDialogElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!open) return;
    const Ctor = detectorCtor();
    if (!Ctor) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    let done = false;
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
        if (done || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const detector = new Ctor();
        timer = setInterval(async () => {
          if (!video.current || done) return;
          const found = await detector.detect(video.current).catch(() => []);
          if (found[0]?.rawValue && !done) {
            done = true;
            dialog.current?.close();
            onScan(found[0].rawValue);
          }
        }, 200);
      } catch {
        setFailed(true);
      }
    })();
    return () => {
      done = true;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [open, onScan]);

  if (!supported) return null;
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setFailed(false);
          setOpen(true);
          dialog.current?.showModal();
        }}
        className="flex size-16 shrink-0 items-center justify-center rounded-xl border-2 border-zinc-300 bg-white text-zinc-700 active:bg-zinc-100"
      >
        <CameraIcon className="size-7" />
        <span className="sr-only">{labels.open}</span>
      </button>
      <dialog ref={dialog} aria-label={labels.title} onClose={() => setOpen(false)} className="m-auto w-[min(28rem,calc(100vw-1.5rem))] rounded-2xl bg-zinc-950 p-0 text-white">
        <div className="flex items-center justify-between px-4 py-3">
          <p className="text-lg font-semibold">{labels.title}</p>
          <button type="button" onClick={() => dialog.current?.close()} className="flex size-12 items-center justify-center rounded-xl active:bg-white/10">
            <XIcon className="size-6" />
            <span className="sr-only">{labels.close}</span>
          </button>
        </div>
        <video ref={video} muted playsInline className="aspect-[3/4] w-full bg-black object-cover" />
        <p className="px-4 py-3 text-base text-zinc-300">{failed ? labels.failed : labels.hint}</p>
      </dialog>
    </>
  );
}
