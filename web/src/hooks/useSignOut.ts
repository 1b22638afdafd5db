import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useShowError } from '../errors';
import { ApiError } from '../services/client';
import { authApi } from '../services/auth';
import { clearSession } from '../session';
import { clearFieldDevice } from '../offline/field';

export function useSignOut() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const leave = () => {
    void clearFieldDevice();
    clearSession(queryClient);
    void navigate('/login', { replace: true });
  };
  return useMutation({
    mutationFn: authApi.signOut,
    onSuccess: leave,
    onError: (error) => {
      // An already expired session is as good as signed out.
      if (error instanceof ApiError && error.status === 401) leave();
      else showError(error);
    },
  });
}
