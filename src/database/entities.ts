import { AdminChange, Jurisdiction, Organisation, User } from '../organisations/organisation.entity';

export const ENTITIES = [Jurisdiction, Organisation, User, AdminChange];
