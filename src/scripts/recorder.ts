/**
 * The recorder island: a teleprompter that scrolls at the reader's pace and a microphone
 * recorder with a hard stop. Everything else on the page works without it.
 */

const formatTime = (seconds: number) => {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function messageFor(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'Microphone permission was denied. Allow the microphone for this site in the browser’s address bar, then press Start again.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return 'No microphone was found. Connect one, then press Start again.';
  }
  return `The microphone could not be opened (${name || String(error)}).`;
}

/** The container the browser records into, and the file extension that goes with it. */
function pickFormat(): { mimeType: string; extension: string } | undefined {
  for (const [mimeType, extension] of [
    ['audio/webm;codecs=opus', 'webm'],
    ['audio/webm', 'webm'],
    ['audio/ogg;codecs=opus', 'ogg'],
    ['audio/mp4', 'm4a'],
  ] as const) {
    if (MediaRecorder.isTypeSupported(mimeType)) return { mimeType, extension };
  }
  return undefined;
}

/** Chrome's WebM has no duration in its header; decoding the audio gives the real one. */
async function durationOf(blob: Blob, fallback: number): Promise<number> {
  try {
    const context = new AudioContext();
    const buffer = await context.decodeAudioData(await blob.arrayBuffer());
    await context.close();
    return buffer.duration;
  } catch {
    return fallback;
  }
}

export function startRecorder(root: HTMLElement, prompter: HTMLElement): void {
  const $ = <T extends Element>(selector: string) => root.querySelector<T>(selector)!;
  const toggle = $<HTMLButtonElement>('[data-toggle]');
  const rate = $<HTMLInputElement>('[data-rate]');
  const rateLabel = $<HTMLElement>('[data-rate-label]');
  const elapsedText = $<HTMLElement>('[data-elapsed]');
  const leftText = $<HTMLElement>('[data-left]');
  const status = $<HTMLElement>('[data-status]');
  const result = $<HTMLElement>('[data-result]');
  const audio = $<HTMLAudioElement>('[data-audio]');
  const download = $<HTMLAnchorElement>('[data-download]');
  const duration = $<HTMLElement>('[data-duration]');
  const size = $<HTMLElement>('[data-size]');
  const rerecord = $<HTMLButtonElement>('[data-rerecord]');
  const words = Number(root.dataset.words);

  root.hidden = false;
  document.querySelector<HTMLElement>('[data-needs-js]')?.setAttribute('hidden', '');

  const say = (message: string) => {
    status.textContent = message;
  };

  if (
    !navigator.mediaDevices?.getUserMedia ||
    typeof MediaRecorder === 'undefined' ||
    !pickFormat()
  ) {
    toggle.disabled = true;
    say(
      'This browser cannot record audio. Use a current Chrome, Edge, Firefox or Safari; the script above still works for rehearsing.',
    );
    return;
  }

  let recorder: MediaRecorder | undefined;
  let stream: MediaStream | undefined;
  let started = 0;
  let frame = 0;
  let url: string | undefined;
  // Read at start, so a test can shorten it on the element; the page says 60.
  let limit = 60;

  const tick = () => {
    const elapsed = (performance.now() - started) / 1000;
    elapsedText.textContent = formatTime(elapsed);
    leftText.textContent = formatTime(limit - elapsed);
    const seconds = (words / Number(rate.value)) * 60;
    prompter.scrollTop =
      (prompter.scrollHeight - prompter.clientHeight) * Math.min(1, elapsed / seconds);
    if (elapsed >= limit) {
      stop('The time limit was reached: the recording stopped by itself.');
      return;
    }
    frame = requestAnimationFrame(tick);
  };

  const stop = (message: string) => {
    if (!recorder || recorder.state === 'inactive') return;
    cancelAnimationFrame(frame);
    recorder.stop();
    say(message);
  };

  const start = async () => {
    const format = pickFormat()!;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      say(messageFor(error));
      return;
    }
    const chunks: Blob[] = [];
    recorder = new MediaRecorder(stream, { mimeType: format.mimeType });
    recorder.addEventListener('dataavailable', (event) => chunks.push(event.data));
    recorder.addEventListener('stop', async () => {
      stream?.getTracks().forEach((track) => track.stop());
      const elapsed = (performance.now() - started) / 1000;
      const blob = new Blob(chunks, { type: format.mimeType });
      if (url) URL.revokeObjectURL(url);
      url = URL.createObjectURL(blob);
      audio.src = url;
      download.href = url;
      download.download = `learning-resources.${format.extension}`;
      download.type = blob.type;
      size.textContent = `${Math.max(1, Math.round(blob.size / 1024))} KB`;
      size.dataset.bytes = String(blob.size);
      const seconds = await durationOf(blob, elapsed);
      duration.textContent = `${seconds.toFixed(1)} s`;
      duration.dataset.seconds = String(seconds);
      result.hidden = false;
      toggle.textContent = 'Start recording';
      say(
        `${status.textContent ?? ''} Recorded ${seconds.toFixed(1)} seconds; play it or download it below.`.trim(),
      );
    });
    limit = Number(root.dataset.limit) || 60;
    result.hidden = true;
    prompter.scrollTop = 0;
    recorder.start(250);
    started = performance.now();
    toggle.textContent = 'Stop recording';
    say('Recording. Read the script; press Space or Stop when you finish.');
    frame = requestAnimationFrame(tick);
  };

  const toggleRecording = () => {
    if (recorder?.state === 'recording') stop('Stopped.');
    else void start();
  };

  toggle.addEventListener('click', toggleRecording);
  rerecord.addEventListener('click', () => {
    toggle.focus();
    void start();
  });
  rate.addEventListener('input', () => {
    rateLabel.textContent = rate.value;
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (event.key !== ' ' || target.closest('button, input, a, audio, textarea, select')) return;
    event.preventDefault();
    toggleRecording();
  });
}
