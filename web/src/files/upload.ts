// Sharing a file from the page: core's shareFile with the XHR sender, and its failures in words.
import { ApiError, type ApiClient } from '../../../core/api.ts';
import { FileTooLargeError, shareFile, type ShareFileInput } from '../../../core/file-flows.ts';
import { TransferError } from '../../../core/transfer.ts';
import { describeError, FILE_LIMIT_TEXT } from '../errors.ts';
import { i18n } from '../i18n/i18n.ts';
import { xhrSender } from './xhrSender.ts';

export const uploadFile = (client: ApiClient, input: Omit<ShareFileInput, 'send'>) =>
  shareFile(client, { ...input, send: xhrSender });

/** Why sharing a file failed. Whatever happened after the create, the pending secret was revoked. */
export function describeUploadError(error: unknown): string {
  const t = i18n.t;
  if (error instanceof FileTooLargeError) {
    return t('share:problems.fileTooLarge', { limit: FILE_LIMIT_TEXT });
  }
  if (error instanceof TransferError) {
    if (error.status === 403) return t('share:upload.expired');
    if (error.retryable) return t('share:upload.failedRepeatedly');
    if (error.reason === 'file_changed') return t('share:upload.changed');
    if (error.reason === 'bad_plan') return t('share:upload.badPlan');
    return t('share:upload.refused', { status: error.status });
  }
  if (error instanceof ApiError && error.code === 'upload_mismatch') {
    return t('share:upload.mismatch');
  }
  if (error instanceof DOMException && error.name === 'NotReadableError') {
    return t('share:upload.unreadable');
  }
  return describeError(error);
}
