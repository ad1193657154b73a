/** One recording from the microphone, in the container this browser records into. */

export interface RecordingFormat {
  mimeType: string;
  extension: string;
  /** How the page names it to the candidate. */
  label: string;
}

const formats: readonly RecordingFormat[] = [
  { mimeType: 'audio/webm;codecs=opus', extension: 'webm', label: 'WebM/Opus' },
  { mimeType: 'audio/webm', extension: 'webm', label: 'WebM' },
  { mimeType: 'audio/ogg;codecs=opus', extension: 'ogg', label: 'Ogg/Opus' },
  { mimeType: 'audio/mp4', extension: 'm4a', label: 'MP4 audio' },
];

/** The first format this browser records, or undefined when it cannot record at all. */
export function recordingFormat(): RecordingFormat | undefined {
  if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
    return undefined;
  }
  return formats.find((format) => MediaRecorder.isTypeSupported(format.mimeType));
}

/** What to tell the candidate when the microphone does not open. */
export function microphoneProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'Microphone permission was denied. Allow the microphone for this site in the browser’s address bar, then press Start again.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return 'No microphone was found. Connect one, then press Start again.';
  }
  return `The microphone could not be opened (${name || String(error)}).`;
}

export interface Recording {
  stop(): void;
  /** The whole recording, once stopped; the microphone is released by then. */
  finished: Promise<Blob>;
}

/** Opens the microphone and starts recording; rejects as getUserMedia does when it cannot. */
export async function startRecording(format: RecordingFormat): Promise<Recording> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const recorder = new MediaRecorder(stream, { mimeType: format.mimeType });
  const chunks: Blob[] = [];
  recorder.addEventListener('dataavailable', (event) => chunks.push(event.data));
  const finished = new Promise<Blob>((resolve) => {
    recorder.addEventListener('stop', () => {
      stream.getTracks().forEach((track) => track.stop());
      resolve(new Blob(chunks, { type: format.mimeType }));
    });
  });
  recorder.start(250);
  return {
    stop: () => {
      if (recorder.state !== 'inactive') recorder.stop();
    },
    finished,
  };
}
