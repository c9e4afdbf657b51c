//go:build !windows

package fault

import "syscall"

func errnoKind(e syscall.Errno) Kind {
	switch e {
	case syscall.ENOSPC, syscall.EDQUOT, syscall.EFBIG:
		return Full
	case syscall.EACCES, syscall.EPERM, syscall.EROFS:
		return Permission
	case syscall.EBUSY, syscall.EAGAIN, syscall.ETXTBSY:
		return Busy
	}
	return Other
}

func errnoReason(e syscall.Errno) string {
	switch e {
	case syscall.ENOSPC:
		return "disque plein"
	case syscall.EDQUOT:
		return "quota de disque dépassé"
	case syscall.EFBIG:
		return "fichier trop gros pour ce disque"
	case syscall.EACCES, syscall.EPERM:
		return "accès refusé"
	case syscall.EROFS:
		return "disque en lecture seule"
	case syscall.EBUSY, syscall.ETXTBSY:
		return "fichier utilisé par un autre programme"
	case syscall.EAGAIN:
		return "ressource momentanément indisponible"
	case syscall.ENOENT:
		return "introuvable"
	case syscall.EEXIST:
		return "un fichier de ce nom existe déjà"
	case syscall.EISDIR:
		return "c'est un dossier, pas un fichier"
	case syscall.ENOTDIR:
		return "une partie du chemin n'est pas un dossier"
	case syscall.ENOTEMPTY:
		return "le dossier n'est pas vide"
	case syscall.ENAMETOOLONG:
		return "nom de fichier trop long"
	case syscall.ELOOP:
		return "trop de liens symboliques"
	case syscall.EIO:
		return "erreur de lecture ou d'écriture du disque"
	case syscall.EXDEV:
		return "déplacement impossible d'un disque à un autre"
	case syscall.EPIPE:
		return "le programme qui lisait la sortie s'est arrêté"
	case syscall.ENXIO, syscall.ENODEV:
		return "périphérique absent"
	case syscall.EINVAL:
		return "opération impossible sur ce fichier"
	}
	return ""
}
