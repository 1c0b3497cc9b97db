import type { ReactNode } from "react";
import { BrandLink } from "../../components/brand-link.tsx";

/** The centered page that sign-in, sign-up and the other signed-out screens share. */
export function AuthCard({
  title,
  description,
  children,
  footer,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center px-4 py-10">
      <BrandLink className="mb-6" />
      <div className="w-full max-w-sm rounded-lg border border-border bg-surface p-6 shadow-sm">
        <h1 className="text-xl font-semibold text-foreground">{title}</h1>
        {description && (
          <div className="mt-1 text-sm wrap-anywhere text-muted-foreground">{description}</div>
        )}
        <div className="mt-6">{children}</div>
      </div>
      {footer && <div className="mt-4 text-center text-sm text-muted-foreground">{footer}</div>}
    </main>
  );
}

export const textLink = "font-medium text-accent-foreground underline-offset-2 hover:underline";
