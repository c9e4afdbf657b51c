/*
 * TEST ONLY, NEVER SHIPPED. A stand-in for Windows' bcryptprimitives.dll,
 * which Debian's Wine 8.0 lacks: Go programs (Go 1.24+) call its
 * ProcessPrng at start-up and die with "bcryptprimitives.dll not found"
 * without it. Windows 10 and later have the real DLL. smoke.sh compiles
 * this into the throwaway Wine prefix of the smoke test only.
 *
 * ProcessPrng fills the buffer with random bytes from advapi32's
 * RtlGenRandom (SystemFunction036), which Wine implements, looping because
 * that takes a ULONG length. Like the real one it always returns TRUE:
 * Go treats a failure as fatal anyway.
 */
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
	while (len > 0) {
		ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
		if (!RtlGenRandom(data, chunk))
			FatalAppExitA(0, "ProcessPrng: RtlGenRandom failed");
		data += chunk;
		len -= chunk;
	}
	return TRUE;
}
