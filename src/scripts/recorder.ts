/**
 * The recorder island: a teleprompter that scrolls at the reader's pace and a microphone
 * recorder with a hard stop, which offers each take as WAV and as the browser's own recording.
 * Everything else on the page works without it.
 */
import {
  microphoneProblem,
  recordingFormat,
  startRecording,
  type Recording,
  type RecordingFormat,
} from './microphone.ts';
import { formatTime } from './clock.ts';
import { discardTake, makeTake, wavSampleRate, type Take } from './take.ts';

const formatSize = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** The recorder's elements, each marked with a data attribute in Recorder.astro. */
function recorderView(root: HTMLElement) {
  const $ = <T extends Element>(name: string) => {
    const found = root.querySelector<T>(`[data-${name}]`);
    if (!found) throw new Error(`The recorder has no [data-${name}] element.`);
    return found;
  };
  return {
    toggle: $<HTMLButtonElement>('toggle'),
    rate: $<HTMLInputElement>('rate'),
    rateLabel: $<HTMLElement>('rate-label'),
    elapsed: $<HTMLElement>('elapsed'),
    left: $<HTMLElement>('left'),
    status: $<HTMLElement>('status'),
    result: $<HTMLElement>('result'),
    audio: $<HTMLAudioElement>('audio'),
    duration: $<HTMLElement>('duration'),
    wavOffer: $<HTMLElement>('wav-offer'),
    wav: $<HTMLAnchorElement>('wav'),
    wavAbout: $<HTMLElement>('wav-about'),
    wavMissing: $<HTMLElement>('wav-missing'),
    original: $<HTMLAnchorElement>('original'),
    originalKind: $<HTMLElement>('original-kind'),
    originalSize: $<HTMLElement>('original-size'),
    replace: $<HTMLDialogElement>('replace'),
    replaceLength: $<HTMLElement>('replace-length'),
    keepTake: $<HTMLButtonElement>('keep-take'),
    newTake: $<HTMLButtonElement>('new-take'),
  };
}
type RecorderView = ReturnType<typeof recorderView>;

/** What the page says about itself on the recorder's element. */
function recorderSettings(root: HTMLElement) {
  const limit = Number(root.dataset.limit);
  const words = Number(root.dataset.words);
  const fileName = root.dataset.fileName;
  if (!(limit > 0) || !(words > 0) || !fileName) {
    throw new Error('The recorder needs data-limit (seconds), data-words and data-file-name.');
  }
  return { limit, words, fileName };
}
type RecorderSettings = ReturnType<typeof recorderSettings>;

function showTake(view: RecorderView, take: Take, format: RecordingFormat): void {
  // The WAV plays back with a known length and seeks; Chrome's WebM has no duration to show.
  view.audio.src = (take.wav ?? take.original).url;
  view.duration.textContent = `${take.seconds.toFixed(1)} s`;
  view.replaceLength.textContent = `${take.seconds.toFixed(1)} s`;
  view.wavOffer.hidden = !take.wav;
  view.wavMissing.hidden = Boolean(take.wav);
  if (take.wav) {
    view.wav.href = take.wav.url;
    view.wav.download = take.wav.name;
    view.wavAbout.textContent = `${formatSize(take.wav.blob.size)}, mono, 16-bit PCM, ${wavSampleRate / 1000} kHz`;
  }
  view.original.href = take.original.url;
  view.original.download = take.original.name;
  view.original.type = take.original.blob.type;
  view.originalKind.textContent = format.label;
  view.originalSize.textContent = formatSize(take.original.blob.size);
  view.result.hidden = false;
}

/** One take at a time: recording, then the take, which a new one replaces only when asked. */
class TakeRecorder {
  private recording: Recording | undefined;
  private take: Take | undefined;
  /** Whether the candidate downloaded the current take in either format. */
  private saved = false;
  private busy = false;
  private started = 0;
  private frame = 0;

  private readonly view: RecorderView;
  private readonly prompter: HTMLElement;
  private readonly settings: RecorderSettings;
  private readonly format: RecordingFormat;

  constructor(
    view: RecorderView,
    prompter: HTMLElement,
    settings: RecorderSettings,
    format: RecordingFormat,
  ) {
    this.view = view;
    this.prompter = prompter;
    this.settings = settings;
    this.format = format;
  }

  /** The button and Space: stop a recording, or ask for a new take. */
  toggle(): void {
    if (this.recording) this.stop('Stopped.');
    else this.requestTake();
  }

  /** A new take, after asking when it would replace one the candidate has not downloaded. */
  requestTake(): void {
    if (this.busy) return;
    if (this.take && !this.saved) this.view.replace.showModal();
    else void this.start();
  }

  /** Leaving now would lose a recording or a take nobody downloaded. */
  hasUnsavedWork(): boolean {
    return Boolean(this.recording) || this.busy || (Boolean(this.take) && !this.saved);
  }

  markSaved(): void {
    this.saved = true;
  }

  say(message: string): void {
    this.view.status.textContent = message;
  }

  async start(): Promise<void> {
    this.busy = true;
    try {
      this.recording = await startRecording(this.format);
    } catch (error) {
      this.say(microphoneProblem(error));
      return;
    } finally {
      this.busy = false;
    }
    // The old take goes only now, when the new one is certain.
    if (this.take) discardTake(this.take);
    this.take = undefined;
    this.view.result.hidden = true;
    this.prompter.scrollTop = 0;
    this.started = performance.now();
    this.view.toggle.textContent = 'Stop recording';
    this.say('Recording. Read the script; press Space or Stop when you finish.');
    this.frame = requestAnimationFrame(this.tick);
  }

  stop(message: string): void {
    const recording = this.recording;
    if (!recording) return;
    this.recording = undefined;
    cancelAnimationFrame(this.frame);
    this.say(message);
    recording.stop();
    void this.finish(recording, (performance.now() - this.started) / 1000);
  }

  private async finish(recording: Recording, timedSeconds: number): Promise<void> {
    // Busy, not disabled: disabling the focused button would drop a keyboard user's focus.
    this.busy = true;
    const take = await makeTake(
      await recording.finished,
      this.format,
      this.settings.fileName,
      timedSeconds,
    );
    this.take = take;
    this.saved = false;
    showTake(this.view, take, this.format);
    this.busy = false;
    this.view.toggle.textContent = 'Record a new take';
    const length = `Recorded ${take.seconds.toFixed(1)} seconds.`;
    const next = take.wav
      ? 'Listen to it below, then download it as WAV.'
      : 'This browser could not convert it to WAV; download the original below.';
    this.say(`${this.view.status.textContent ?? ''} ${length} ${next}`.trim());
  }

  private readonly tick = () => {
    const elapsed = (performance.now() - this.started) / 1000;
    const { limit, words } = this.settings;
    this.view.elapsed.textContent = formatTime(elapsed);
    this.view.left.textContent = formatTime(limit - elapsed);
    const readingSeconds = (words / Number(this.view.rate.value)) * 60;
    const scrollable = this.prompter.scrollHeight - this.prompter.clientHeight;
    this.prompter.scrollTop = scrollable * Math.min(1, elapsed / readingSeconds);
    if (elapsed >= limit) this.stop('The time limit was reached: the recording stopped by itself.');
    else this.frame = requestAnimationFrame(this.tick);
  };
}

export function startRecorder(root: HTMLElement, prompter: HTMLElement): void {
  const view = recorderView(root);
  root.hidden = false;
  document.querySelector<HTMLElement>('[data-needs-js]')?.setAttribute('hidden', '');

  const format = recordingFormat();
  if (!format) {
    view.toggle.disabled = true;
    view.status.textContent =
      'This browser cannot record audio. Use a current Chrome, Edge, Firefox or Safari; the script above still works for rehearsing.';
    return;
  }
  const recorder = new TakeRecorder(view, prompter, recorderSettings(root), format);

  view.toggle.addEventListener('click', () => recorder.toggle());
  view.rate.addEventListener('input', () => {
    view.rateLabel.textContent = view.rate.value;
  });
  for (const link of [view.wav, view.original]) {
    link.addEventListener('click', () => recorder.markSaved());
  }
  view.keepTake.addEventListener('click', () => view.replace.close());
  view.newTake.addEventListener('click', () => {
    view.replace.close();
    void recorder.start();
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (event.key !== ' ' || target.closest('button, input, a, audio, textarea, select, dialog')) {
      return;
    }
    event.preventDefault();
    recorder.toggle();
  });
  // The browser asks before leaving; it shows its own wording, not a page's.
  window.addEventListener('beforeunload', (event) => {
    if (recorder.hasUnsavedWork()) event.preventDefault();
  });
}
