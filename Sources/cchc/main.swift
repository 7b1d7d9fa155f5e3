#if canImport(Glibc)
import Glibc
#endif
import CCHCCommandLine

// The whole program lives in CCHCCommandLine so tests can run it in-process.
ProcessTeardown.skipFreeingAtExit()  // this process exits right after the command
ProcessTeardown.keepFreedMemoryForReuse()
let code = CCHC.run(arguments: Array(CommandLine.arguments.dropFirst()), environment: CCHC.processEnvironment(),
                    stdin: .standardInput, stdout: .fileDescriptor(1), stderr: .fileDescriptor(2))
exit(code)
