// Sharing a file from the page: core's shareFile with the XHR sender, and its failures in words.
import { ApiError, type ApiClient } from '../../../core/api.ts';
import { FileTooLargeError, shareFile, type ShareFileInput } from '../../../core/file-flows.ts';
import { TransferError } from '../../../core/transfer.ts';
import { describeError, FILE_LIMIT_TEXT } from '../errors.ts';
import { xhrSender } from './xhrSender.ts';

export const uploadFile = (client: ApiClient, input: Omit<ShareFileInput, 'send'>) =>
  shareFile(client, { ...input, send: xhrSender });

/** Why sharing a file failed. Whatever happened after the create, the pending secret was revoked. */
export function describeUploadError(error: unknown): string {
  if (error instanceof FileTooLargeError) {
    return `That file is too large. The limit is ${FILE_LIMIT_TEXT}.`;
  }
  if (error instanceof TransferError) {
    if (error.status === 403) {
      return 'The upload link expired before the file was sent (upload links last 15 minutes). Nothing was shared: try again.';
    }
    if (error.retryable) {
      return 'The upload failed several times in a row (the network or the storage service). Nothing was shared: check your connection and try again.';
    }
    // Core's own sentence ("The file changed while it was being read: nothing was shared.").
    if (error.status === undefined) return error.message;
    return `The storage service refused the upload (${error.status}). Nothing was shared.`;
  }
  if (error instanceof ApiError && error.code === 'upload_mismatch') {
    return 'The file did not arrive whole at the storage service. Nothing was shared: try again.';
  }
  if (error instanceof DOMException && error.name === 'NotReadableError') {
    return 'This browser could not read the file (was it moved, changed or deleted?). Nothing was shared.';
  }
  return describeError(error);
}
