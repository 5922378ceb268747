/**
 * Which fields of the SaaS connection form (SaasusConnectionForm.tsx) an error of saving or testing
 * the connection is about, so that it is shown next to them. Chosen by the error's code; main's
 * URL checks (src/main/providers/saasus/connections.ts, `checkUrl`) name the URL they refused.
 */
import type { ErrorInfo } from '../../../../shared/errors';

/** Which fields an error of saving or testing a connection is about. */
export function connectionFieldsOf(error: ErrorInfo): readonly string[] {
  switch (error.code) {
    case 'invalid_configuration':
    case 'unauthorized':
      // SaaSus refused the signature: one of the three is wrong, and it cannot say which.
      return ['saasId', 'apiKey', 'secretKey'];
    case 'network':
    case 'timeout':
    case 'http_error':
    case 'bad_response':
    case 'response_too_large':
      return ['apiBaseUrl'];
    case 'invalid_input':
      if (/login page/i.test(error.message)) return ['loginUrl'];
      if (/API base URL/i.test(error.message)) return ['apiBaseUrl'];
      if (/secret key/i.test(error.message)) return ['secretKey'];
      return [];
    default:
      return [];
  }
}

