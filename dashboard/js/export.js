// Export buttons: POST /performance/export for the window on screen, saved through a temporary object URL.
import { ApiError } from './api.js';
/** Downloads the export; returns the file name. */
export async function downloadExport(api, format, window) {
  const response = await api.post('performance/export', { format, from: window.from, to: window.to });
  let blob;
  try {
    blob = await response.blob();
  } catch (error) {
    throw new ApiError('server', 'The export broke off while downloading: the API failed part way through.',
      { detail: `Try a shorter window, and see the host log (${error.message}).` });
  }
  const name = fileName(response.headers.get('content-disposition')) ?? `ivr-export.${format}`;
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}

function fileName(disposition) {
  if (!disposition) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}
