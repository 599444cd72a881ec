import type { Clock } from '../ports/clock.port';
import type { CategoryRepository } from '../ports/category.repository.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';

export interface AdminDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly categories: CategoryRepository;
}
