import { endpoints } from '../routes/index.ts';

export const GET = endpoints.calendar;
