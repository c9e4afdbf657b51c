package fault

import "syscall"

// Windows system error codes (winerror.h) that Go's syscall package does
// not name.
const (
	errorHandleDiskFull = syscall.Errno(39)
	errorDiskFull       = syscall.Errno(112)
	errorSharing        = syscall.Errno(32)
	errorLock           = syscall.Errno(33)
	errorWriteProtect   = syscall.Errno(19)
	errorNotReady       = syscall.Errno(21)
)

func errnoKind(e syscall.Errno) Kind {
	switch e {
	case errorDiskFull, errorHandleDiskFull, syscall.ENOSPC:
		return Full
	case syscall.ERROR_ACCESS_DENIED, errorWriteProtect, syscall.EACCES, syscall.EPERM, syscall.EROFS:
		return Permission
	case errorSharing, errorLock, syscall.EBUSY:
		return Busy
	}
	return Other
}

func errnoReason(e syscall.Errno) string {
	switch e {
	case errorDiskFull, errorHandleDiskFull, syscall.ENOSPC:
		return "disque plein"
	case syscall.ERROR_ACCESS_DENIED, syscall.EACCES, syscall.EPERM:
		return "accès refusé"
	case errorWriteProtect, syscall.EROFS:
		return "disque en lecture seule"
	case errorSharing, errorLock, syscall.EBUSY:
		return "fichier utilisé par un autre programme"
	case syscall.ERROR_FILE_NOT_FOUND, syscall.ERROR_PATH_NOT_FOUND:
		return "introuvable"
	case syscall.ERROR_ALREADY_EXISTS, syscall.ERROR_FILE_EXISTS:
		return "un fichier de ce nom existe déjà"
	case errorNotReady:
		return "disque absent ou pas prêt"
	}
	return ""
}
