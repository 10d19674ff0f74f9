// Wires `doctor` to real AWS clients (or injected ones) and prints the table or JSON.
import { EXIT, type ExitCode } from '../exit.ts';
import { write, type Io } from '../io.ts';
import { createDoctorClients, formatReport, runDoctor, type DoctorClients } from './checks.ts';

export interface DoctorOptions {
  readonly stage: string;
  readonly region?: string;
  readonly json?: boolean;
}

export async function doctor(
  options: DoctorOptions,
  io: Io,
  clients: DoctorClients = createDoctorClients(options.region),
): Promise<ExitCode> {
  const report = await runDoctor(options.stage, clients);
  await write(io.stdout, options.json ? JSON.stringify(report) + '\n' : formatReport(report));
  return report.ok ? EXIT.ok : EXIT.failed;
}
