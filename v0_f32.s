	.file	"<string>"
	.section	.ltext,"axl",@progbits
	.globl	_ZN8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE
	.p2align	4
	.type	_ZN8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE,@function
_ZN8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE:
	.cfi_startproc
	pushq	%rbp
	.cfi_def_cfa_offset 16
	pushq	%r15
	.cfi_def_cfa_offset 24
	pushq	%r14
	.cfi_def_cfa_offset 32
	pushq	%r13
	.cfi_def_cfa_offset 40
	pushq	%r12
	.cfi_def_cfa_offset 48
	pushq	%rbx
	.cfi_def_cfa_offset 56
	subq	$72, %rsp
	.cfi_def_cfa_offset 128
	.cfi_offset %rbx, -56
	.cfi_offset %r12, -48
	.cfi_offset %r13, -40
	.cfi_offset %r14, -32
	.cfi_offset %r15, -24
	.cfi_offset %rbp, -16
	movq	224(%rsp), %r14
	movq	168(%rsp), %rbx
	movabsq	$NRT_incref, %r15
	movq	%rdi, 64(%rsp)
	movq	%rdx, %rdi
	movq	%rdx, 32(%rsp)
	callq	*%r15
	movq	%rbx, %rdi
	callq	*%r15
	movq	%r14, %rdi
	callq	*%r15
	cmpq	$0, 136(%rsp)
	jle	.LBB0_1
	movq	144(%rsp), %r12
	testq	%r12, %r12
	jle	.LBB0_3
	movq	%r12, %rcx
	imulq	136(%rsp), %rcx
	movq	128(%rsp), %r14
	movq	256(%rsp), %rbp
	movabsq	$9223372036854775744, %r13
	movq	%r12, %rsi
	leaq	(,%r12,4), %rdx
	vxorps	%xmm0, %xmm0, %xmm0
	movq	$0, 24(%rsp)
	vmovsd	%xmm0, 16(%rsp)
	andq	%r13, %rsi
	orq	$56, %r13
	andq	%r12, %r13
	movq	%rsi, 40(%rsp)
	leaq	(%rbp,%r12,4), %rax
	leaq	192(%r14), %r15
	leaq	(%r14,%rcx,4), %rcx
	cmpq	%rcx, %rbp
	setb	%cl
	cmpq	%rax, %r14
	setb	%al
	andb	%cl, %al
	testq	%rdx, %rdx
	sets	%cl
	xorl	%ebx, %ebx
	orb	%al, %cl
	movl	%r12d, %eax
	andl	$7, %eax
	movb	%cl, 15(%rsp)
	movq	%rax, 56(%rsp)
	jmp	.LBB0_5
	.p2align	4
.LBB0_35:
	incq	24(%rsp)
	movq	32(%rsp), %rdi
	movq	%rbx, %r12
	movabsq	$NRT_decref, %rbx
	vzeroupper
	callq	*%rbx
	vmovsd	16(%rsp), %xmm0
	xorl	%edi, %edi
	vaddsd	48(%rsp), %xmm0, %xmm0
	vmovsd	%xmm0, 16(%rsp)
.LBB0_36:
	incq	%r12
	vzeroupper
	callq	*%rbx
	movq	%r12, %rbx
	movq	144(%rsp), %r12
	leaq	(,%r12,4), %rax
	addq	%rax, %r15
	addq	%rax, %r14
	cmpq	%rbx, 136(%rsp)
	je	.LBB0_37
.LBB0_5:
	movq	32(%rsp), %rdi
	movabsq	$NRT_incref, %rax
	callq	*%rax
	cmpq	$8, %r12
	jae	.LBB0_7
	vxorps	%xmm1, %xmm1, %xmm1
	xorl	%ecx, %ecx
	jmp	.LBB0_16
	.p2align	4
.LBB0_7:
	cmpq	$64, %r12
	jae	.LBB0_9
	vxorps	%xmm1, %xmm1, %xmm1
	xorl	%eax, %eax
	jmp	.LBB0_13
	.p2align	4
.LBB0_9:
	movq	40(%rsp), %rcx
	vxorps	%xmm0, %xmm0, %xmm0
	xorl	%eax, %eax
	vxorps	%xmm1, %xmm1, %xmm1
	vxorps	%xmm2, %xmm2, %xmm2
	vxorps	%xmm3, %xmm3, %xmm3
	.p2align	4
.LBB0_10:
	vmovups	64(%rbp,%rax,4), %zmm5
	vmovups	(%rbp,%rax,4), %zmm4
	vmovups	128(%rbp,%rax,4), %zmm6
	vmovups	192(%rbp,%rax,4), %zmm7
	vmulps	-128(%r15,%rax,4), %zmm5, %zmm5
	vmulps	-192(%r15,%rax,4), %zmm4, %zmm4
	vmulps	-64(%r15,%rax,4), %zmm6, %zmm6
	vaddps	%zmm1, %zmm5, %zmm1
	vmulps	(%r15,%rax,4), %zmm7, %zmm5
	vaddps	%zmm0, %zmm4, %zmm0
	vaddps	%zmm2, %zmm6, %zmm2
	addq	$64, %rax
	vaddps	%zmm3, %zmm5, %zmm3
	cmpq	%rax, %rcx
	jne	.LBB0_10
	vaddps	%zmm0, %zmm1, %zmm0
	vaddps	%zmm0, %zmm2, %zmm0
	vaddps	%zmm0, %zmm3, %zmm0
	vextractf64x4	$1, %zmm0, %ymm1
	vaddps	%zmm1, %zmm0, %zmm0
	vextractf128	$1, %ymm0, %xmm1
	vaddps	%xmm1, %xmm0, %xmm0
	vshufpd	$1, %xmm0, %xmm0, %xmm1
	vaddps	%xmm1, %xmm0, %xmm0
	vmovshdup	%xmm0, %xmm1
	vaddss	%xmm1, %xmm0, %xmm1
	cmpq	%rcx, %r12
	je	.LBB0_17
	movq	%rcx, %rax
	testb	$56, %r12b
	je	.LBB0_16
.LBB0_13:
	vxorps	%xmm0, %xmm0, %xmm0
	vmovss	%xmm1, %xmm0, %xmm0
	.p2align	4
.LBB0_14:
	vmovups	(%rbp,%rax,4), %ymm1
	vmulps	(%r14,%rax,4), %ymm1, %ymm1
	addq	$8, %rax
	vaddps	%ymm0, %ymm1, %ymm0
	cmpq	%rax, %r13
	jne	.LBB0_14
	vextractf128	$1, %ymm0, %xmm1
	movq	%r13, %rcx
	vaddps	%xmm1, %xmm0, %xmm0
	vshufpd	$1, %xmm0, %xmm0, %xmm1
	vaddps	%xmm1, %xmm0, %xmm0
	vmovshdup	%xmm0, %xmm1
	vaddss	%xmm1, %xmm0, %xmm1
	cmpq	%r13, %r12
	je	.LBB0_17
	.p2align	4
.LBB0_16:
	vmovss	(%rbp,%rcx,4), %xmm0
	vmulss	(%r14,%rcx,4), %xmm0, %xmm0
	incq	%rcx
	vaddss	%xmm1, %xmm0, %xmm1
	cmpq	%rcx, %r12
	jne	.LBB0_16
.LBB0_17:
	movq	200(%rsp), %rax
	vxorps	%xmm2, %xmm2, %xmm2
	vmovss	(%rax,%rbx,4), %xmm0
	vcvtss2sd	%xmm1, %xmm1, %xmm1
	vaddsd	16(%rsp), %xmm1, %xmm1
	vcvtss2sd	%xmm0, %xmm0, %xmm6
	vmulsd	%xmm6, %xmm1, %xmm1
	vucomisd	%xmm1, %xmm2
	jae	.LBB0_20
	movq	32(%rsp), %rdi
	movq	%rbx, %r12
	movabsq	$NRT_decref, %rbx
	jmp	.LBB0_36
	.p2align	4
.LBB0_20:
	cmpq	$8, %r12
	vmovsd	%xmm6, 48(%rsp)
	setb	%al
	orb	15(%rsp), %al
	testb	$1, %al
	je	.LBB0_22
	xorl	%ecx, %ecx
	jmp	.LBB0_31
	.p2align	4
.LBB0_22:
	cmpq	$64, %r12
	jae	.LBB0_24
	xorl	%eax, %eax
	jmp	.LBB0_28
.LBB0_24:
	movq	40(%rsp), %rcx
	vbroadcastss	%xmm0, %zmm1
	xorl	%eax, %eax
	.p2align	4
.LBB0_25:
	vmulps	-192(%r15,%rax,4), %zmm1, %zmm2
	vmulps	-128(%r15,%rax,4), %zmm1, %zmm3
	vmulps	-64(%r15,%rax,4), %zmm1, %zmm4
	vmulps	(%r15,%rax,4), %zmm1, %zmm5
	vaddps	(%rbp,%rax,4), %zmm2, %zmm2
	vaddps	64(%rbp,%rax,4), %zmm3, %zmm3
	vaddps	128(%rbp,%rax,4), %zmm4, %zmm4
	vaddps	192(%rbp,%rax,4), %zmm5, %zmm5
	vmovups	%zmm2, (%rbp,%rax,4)
	vmovups	%zmm3, 64(%rbp,%rax,4)
	vmovups	%zmm4, 128(%rbp,%rax,4)
	vmovups	%zmm5, 192(%rbp,%rax,4)
	addq	$64, %rax
	cmpq	%rax, %rcx
	jne	.LBB0_25
	cmpq	%rcx, %r12
	je	.LBB0_35
	movq	40(%rsp), %rcx
	movq	%rcx, %rax
	testb	$56, %r12b
	je	.LBB0_31
.LBB0_28:
	vbroadcastss	%xmm0, %ymm1
	.p2align	4
.LBB0_29:
	vmulps	(%r14,%rax,4), %ymm1, %ymm2
	vaddps	(%rbp,%rax,4), %ymm2, %ymm2
	vmovups	%ymm2, (%rbp,%rax,4)
	addq	$8, %rax
	cmpq	%rax, %r13
	jne	.LBB0_29
	movq	%r13, %rcx
	cmpq	%r13, %r12
	je	.LBB0_35
.LBB0_31:
	cmpq	$0, 56(%rsp)
	movq	%rcx, %rax
	je	.LBB0_34
	movq	56(%rsp), %rdx
	movq	%rcx, %rax
	.p2align	4
.LBB0_33:
	vmulss	(%r14,%rax,4), %xmm0, %xmm1
	decq	%rdx
	vaddss	(%rbp,%rax,4), %xmm1, %xmm1
	vmovss	%xmm1, (%rbp,%rax,4)
	leaq	1(%rax), %rax
	jne	.LBB0_33
.LBB0_34:
	subq	%r12, %rcx
	cmpq	$-8, %rcx
	ja	.LBB0_35
	.p2align	4
.LBB0_19:
	vmulss	(%r14,%rax,4), %xmm0, %xmm1
	vaddss	(%rbp,%rax,4), %xmm1, %xmm1
	vmovss	%xmm1, (%rbp,%rax,4)
	vmulss	4(%r14,%rax,4), %xmm0, %xmm1
	vaddss	4(%rbp,%rax,4), %xmm1, %xmm1
	vmovss	%xmm1, 4(%rbp,%rax,4)
	vmulss	8(%r14,%rax,4), %xmm0, %xmm1
	vaddss	8(%rbp,%rax,4), %xmm1, %xmm1
	vmovss	%xmm1, 8(%rbp,%rax,4)
	vmulss	12(%r14,%rax,4), %xmm0, %xmm1
	vaddss	12(%rbp,%rax,4), %xmm1, %xmm1
	vmovss	%xmm1, 12(%rbp,%rax,4)
	vmulss	16(%r14,%rax,4), %xmm0, %xmm1
	vaddss	16(%rbp,%rax,4), %xmm1, %xmm1
	vmovss	%xmm1, 16(%rbp,%rax,4)
	vmulss	20(%r14,%rax,4), %xmm0, %xmm1
	vaddss	20(%rbp,%rax,4), %xmm1, %xmm1
	vmovss	%xmm1, 20(%rbp,%rax,4)
	vmulss	24(%r14,%rax,4), %xmm0, %xmm1
	vaddss	24(%rbp,%rax,4), %xmm1, %xmm1
	vmovss	%xmm1, 24(%rbp,%rax,4)
	vmulss	28(%r14,%rax,4), %xmm0, %xmm1
	vaddss	28(%rbp,%rax,4), %xmm1, %xmm1
	vmovss	%xmm1, 28(%rbp,%rax,4)
	addq	$8, %rax
	cmpq	%rax, %r12
	jne	.LBB0_19
	jmp	.LBB0_35
.LBB0_1:
	movq	$0, 24(%rsp)
	jmp	.LBB0_37
.LBB0_3:
	vxorpd	%xmm0, %xmm0, %xmm0
	movq	$0, 24(%rsp)
	vmovsd	%xmm0, 16(%rsp)
	xorl	%ebx, %ebx
	jmp	.LBB0_40
	.p2align	4
.LBB0_38:
	incq	24(%rsp)
	movq	%r14, %rdi
	movabsq	$NRT_decref, %r14
	vmovsd	%xmm2, 16(%rsp)
	vmovsd	%xmm3, 48(%rsp)
	callq	*%r14
	vmovsd	16(%rsp), %xmm0
	xorl	%edi, %edi
	vaddsd	48(%rsp), %xmm0, %xmm0
	vmovsd	%xmm0, 16(%rsp)
	incq	%rbx
	callq	*%r14
	cmpq	%rbx, 136(%rsp)
	je	.LBB0_37
.LBB0_40:
	movq	32(%rsp), %r14
	movabsq	$NRT_incref, %rax
	movq	%r14, %rdi
	callq	*%rax
	movq	200(%rsp), %rax
	vmovsd	16(%rsp), %xmm2
	vxorpd	%xmm1, %xmm1, %xmm1
	vmovss	(%rax,%rbx,4), %xmm0
	vcvtss2sd	%xmm0, %xmm0, %xmm3
	vmulsd	%xmm3, %xmm2, %xmm0
	vucomisd	%xmm0, %xmm1
	jae	.LBB0_38
	movq	%r14, %rdi
	movabsq	$NRT_decref, %r14
	incq	%rbx
	callq	*%r14
	cmpq	%rbx, 136(%rsp)
	jne	.LBB0_40
.LBB0_37:
	movq	224(%rsp), %rdi
	movabsq	$NRT_decref, %rbx
	callq	*%rbx
	movq	32(%rsp), %rdi
	callq	*%rbx
	movq	168(%rsp), %rdi
	callq	*%rbx
	movq	64(%rsp), %rax
	movq	24(%rsp), %rcx
	movq	%rcx, (%rax)
	xorl	%eax, %eax
	addq	$72, %rsp
	.cfi_def_cfa_offset 56
	popq	%rbx
	.cfi_def_cfa_offset 48
	popq	%r12
	.cfi_def_cfa_offset 40
	popq	%r13
	.cfi_def_cfa_offset 32
	popq	%r14
	.cfi_def_cfa_offset 24
	popq	%r15
	.cfi_def_cfa_offset 16
	popq	%rbp
	.cfi_def_cfa_offset 8
	retq
.Lfunc_end0:
	.size	_ZN8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE, .Lfunc_end0-_ZN8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE
	.cfi_endproc

	.globl	_ZN7cpython8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE
	.p2align	4
	.type	_ZN7cpython8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE,@function
_ZN7cpython8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE:
	.cfi_startproc
	pushq	%rbp
	.cfi_def_cfa_offset 16
	pushq	%r15
	.cfi_def_cfa_offset 24
	pushq	%r14
	.cfi_def_cfa_offset 32
	pushq	%r13
	.cfi_def_cfa_offset 40
	pushq	%r12
	.cfi_def_cfa_offset 48
	pushq	%rbx
	.cfi_def_cfa_offset 56
	subq	$408, %rsp
	.cfi_def_cfa_offset 464
	.cfi_offset %rbx, -56
	.cfi_offset %r12, -48
	.cfi_offset %r13, -40
	.cfi_offset %r14, -32
	.cfi_offset %r15, -24
	.cfi_offset %rbp, -16
	movq	%rsi, %rdi
	leaq	184(%rsp), %rax
	movabsq	$.const.v0, %rsi
	movabsq	$PyArg_UnpackTuple, %r10
	leaq	200(%rsp), %r8
	leaq	192(%rsp), %r9
	movl	$3, %edx
	movl	$3, %ecx
	movq	%rax, (%rsp)
	xorl	%eax, %eax
	callq	*%r10
	testl	%eax, %eax
	je	.LBB1_1
	movabsq	$_ZN08NumbaEnv8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE, %rax
	cmpq	$0, (%rax)
	je	.LBB1_4
	movq	200(%rsp), %rdi
	movabsq	$NRT_adapt_ndarray_from_python, %rbp
	leaq	208(%rsp), %rsi
	vxorps	%xmm0, %xmm0, %xmm0
	vmovups	%zmm0, 208(%rsp)
	movq	$0, 272(%rsp)
	vzeroupper
	callq	*%rbp
	cmpq	$4, 232(%rsp)
	setne	%cl
	testl	%eax, %eax
	setne	%bl
	orb	%cl, %bl
	cmpb	$1, %bl
	je	.LBB1_6
	testb	%bl, %bl
	jne	.LBB1_1
.LBB1_8:
	movq	240(%rsp), %rax
	movq	192(%rsp), %rdi
	movq	208(%rsp), %r12
	movq	248(%rsp), %r15
	movq	256(%rsp), %r14
	leaq	352(%rsp), %rsi
	vxorps	%xmm0, %xmm0, %xmm0
	vmovups	%ymm0, 352(%rsp)
	vmovups	%ymm0, 376(%rsp)
	movq	%rax, 176(%rsp)
	vzeroupper
	callq	*%rbp
	testl	%eax, %eax
	jne	.LBB1_10
	cmpq	$4, 376(%rsp)
	jne	.LBB1_10
	movq	184(%rsp), %rdi
	movq	352(%rsp), %r13
	movq	384(%rsp), %rbx
	leaq	288(%rsp), %rsi
	vxorps	%xmm0, %xmm0, %xmm0
	vmovups	%ymm0, 288(%rsp)
	vmovups	%ymm0, 312(%rsp)
	vzeroupper
	callq	*%rbp
	testl	%eax, %eax
	jne	.LBB1_13
	cmpq	$4, 312(%rsp)
	jne	.LBB1_13
	movq	%r15, 160(%rsp)
	movq	288(%rsp), %rbp
	movq	320(%rsp), %r15
	movabsq	$PyEval_SaveThread, %rax
	callq	*%rax
	movq	160(%rsp), %rdi
	movq	176(%rsp), %rdx
	movq	%rax, 168(%rsp)
	movabsq	$_ZN8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE, %rax
	movq	$0, 152(%rsp)
	movq	%r15, 128(%rsp)
	movq	%rbp, 96(%rsp)
	movq	%rbx, 72(%rsp)
	movq	%r13, 40(%rsp)
	movq	%r14, 16(%rsp)
	movq	%rdi, 8(%rsp)
	leaq	152(%rsp), %rdi
	movq	%rdx, (%rsp)
	movq	%r12, %rdx
	callq	*%rax
	movq	168(%rsp), %rdi
	movq	152(%rsp), %r14
	movabsq	$PyEval_RestoreThread, %rax
	callq	*%rax
	movabsq	$NRT_decref, %rbx
	movq	%r12, %rdi
	callq	*%rbx
	movq	%r13, %rdi
	callq	*%rbx
	movq	%rbp, %rdi
	callq	*%rbx
	movabsq	$PyLong_FromLongLong, %rax
	movq	%r14, %rdi
	callq	*%rax
.LBB1_2:
	addq	$408, %rsp
	.cfi_def_cfa_offset 56
	popq	%rbx
	.cfi_def_cfa_offset 48
	popq	%r12
	.cfi_def_cfa_offset 40
	popq	%r13
	.cfi_def_cfa_offset 32
	popq	%r14
	.cfi_def_cfa_offset 24
	popq	%r15
	.cfi_def_cfa_offset 16
	popq	%rbp
	.cfi_def_cfa_offset 8
	retq
.LBB1_4:
	.cfi_def_cfa_offset 464
	movabsq	$PyExc_RuntimeError, %rdi
	movabsq	$".const.missing Environment: _ZN08NumbaEnv8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE", %rsi
	movabsq	$PyErr_SetString, %rax
	callq	*%rax
	jmp	.LBB1_1
.LBB1_6:
	movabsq	$PyExc_TypeError, %rdi
	movabsq	$".const.can't unbox array from PyObject into native value.  The object maybe of a different type", %rsi
	movabsq	$PyErr_SetString, %rax
	callq	*%rax
	testb	%bl, %bl
	je	.LBB1_8
	jmp	.LBB1_1
.LBB1_10:
	movabsq	$PyExc_TypeError, %rdi
	movabsq	$".const.can't unbox array from PyObject into native value.  The object maybe of a different type", %rsi
	movabsq	$PyErr_SetString, %rax
	callq	*%rax
	jmp	.LBB1_14
.LBB1_13:
	movabsq	$PyExc_TypeError, %rdi
	movabsq	$".const.can't unbox array from PyObject into native value.  The object maybe of a different type", %rsi
	movabsq	$PyErr_SetString, %rax
	callq	*%rax
	movabsq	$NRT_decref, %rax
	movq	%r13, %rdi
	callq	*%rax
.LBB1_14:
	movabsq	$NRT_decref, %rax
	movq	%r12, %rdi
	callq	*%rax
.LBB1_1:
	xorl	%eax, %eax
	jmp	.LBB1_2
.Lfunc_end1:
	.size	_ZN7cpython8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE, .Lfunc_end1-_ZN7cpython8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE
	.cfi_endproc

	.globl	cfunc._ZN8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE
	.p2align	4
	.type	cfunc._ZN8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE,@function
cfunc._ZN8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE:
	.cfi_startproc
	subq	$168, %rsp
	.cfi_def_cfa_offset 176
	movq	%rdi, %rdx
	movq	176(%rsp), %rax
	movq	256(%rsp), %rdi
	movq	200(%rsp), %rcx
	movq	232(%rsp), %rsi
	movq	288(%rsp), %r10
	movq	$0, 160(%rsp)
	movq	%r9, 8(%rsp)
	movq	%r8, (%rsp)
	movq	%rdi, 96(%rsp)
	movq	%rax, 16(%rsp)
	movabsq	$_ZN8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE, %rax
	leaq	160(%rsp), %rdi
	movq	%r10, 128(%rsp)
	movq	%rsi, 72(%rsp)
	movq	%rcx, 40(%rsp)
	callq	*%rax
	movq	160(%rsp), %rax
	addq	$168, %rsp
	.cfi_def_cfa_offset 8
	retq
.Lfunc_end2:
	.size	cfunc._ZN8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE, .Lfunc_end2-cfunc._ZN8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE
	.cfi_endproc

	.weak	NRT_incref
	.p2align	4
	.type	NRT_incref,@function
NRT_incref:
	testq	%rdi, %rdi
	je	.LBB3_2
	lock		incq	(%rdi)
.LBB3_2:
	retq
.Lfunc_end3:
	.size	NRT_incref, .Lfunc_end3-NRT_incref

	.weak	NRT_decref
	.p2align	4
	.type	NRT_decref,@function
NRT_decref:
	.cfi_startproc
	testq	%rdi, %rdi
	je	.LBB4_2
	#MEMBARRIER
	lock		decq	(%rdi)
	je	.LBB4_3
.LBB4_2:
	retq
.LBB4_3:
	movabsq	$NRT_MemInfo_call_dtor, %rax
	#MEMBARRIER
	jmpq	*%rax
.Lfunc_end4:
	.size	NRT_decref, .Lfunc_end4-NRT_decref
	.cfi_endproc

	.type	.const.v0,@object
	.section	.lrodata,"al",@progbits
.const.v0:
	.asciz	"v0"
	.size	.const.v0, 3

	.type	_ZN08NumbaEnv8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE,@object
	.comm	_ZN08NumbaEnv8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE,8,8
	.type	".const.missing Environment: _ZN08NumbaEnv8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE",@object
	.p2align	4, 0x0
".const.missing Environment: _ZN08NumbaEnv8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE":
	.asciz	"missing Environment: _ZN08NumbaEnv8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE"
	.size	".const.missing Environment: _ZN08NumbaEnv8__main__2v0B2v1B78c8tJTIeFIjxB2IKSgI4CrvQClYb5wBbdC9XqRcCUUpyfrK6joJ5XXKVeqwkMzyKYPqSEBBbRBAA_3dE5ArrayIfLi2E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE5ArrayIfLi1E1C7mutable7alignedE", 226

	.type	".const.can't unbox array from PyObject into native value.  The object maybe of a different type",@object
	.p2align	4, 0x0
".const.can't unbox array from PyObject into native value.  The object maybe of a different type":
	.asciz	"can't unbox array from PyObject into native value.  The object maybe of a different type"
	.size	".const.can't unbox array from PyObject into native value.  The object maybe of a different type", 89

	.section	".note.GNU-stack","",@progbits
