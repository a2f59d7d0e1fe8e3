/** The core's implementation of the calls in `shared/contract/areas/review.ts`. */
import { reviewParams } from '../../../shared/contract/areas/review';
import type { CoreServices } from '../app/services';
import type { HandlersFor } from '../live/session';
import { ApiError } from './api-error';

export function reviewHandlers(services: CoreServices): HandlersFor<typeof reviewParams> {
  void services;
  // Placeholder while the review area is built: every call answers "unavailable".
  return Object.fromEntries(
    Object.keys(reviewParams).map((name) => [
      name,
      () => {
        throw new ApiError('unavailable', `${name} is not built yet`);
      },
    ]),
  ) as unknown as HandlersFor<typeof reviewParams>;
}
